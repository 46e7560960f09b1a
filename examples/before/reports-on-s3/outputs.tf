output "dev_requests_queue_url" {
  value = aws_sqs_queue.dev_report_requests.url
}

output "staging_requests_queue_url" {
  value = aws_sqs_queue.staging_report_requests.url
}

output "prod_requests_queue_url" {
  value = aws_sqs_queue.prod_report_requests.url
}

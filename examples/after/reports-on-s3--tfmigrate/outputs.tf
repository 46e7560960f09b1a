output "requests_queue_url" {
  value = aws_sqs_queue.report_requests.url
}


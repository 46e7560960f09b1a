# Report requests from the web app; the renderer polls them.
resource "aws_sqs_queue" "dev_report_requests" {
  name                       = "reports-dev-requests"
  visibility_timeout_seconds = 300
  message_retention_seconds  = 86400
}

resource "aws_sqs_queue" "staging_report_requests" {
  name                       = "reports-staging-requests"
  visibility_timeout_seconds = 300
  message_retention_seconds  = 86400
}

resource "aws_sqs_queue" "prod_report_requests" {
  name                       = "reports-prod-requests"
  visibility_timeout_seconds = 900 # large exports take up to 12 minutes
  message_retention_seconds  = 1209600
}

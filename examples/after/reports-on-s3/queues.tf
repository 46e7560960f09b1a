# Report requests from the web app; the renderer polls them.
resource "aws_sqs_queue" "report_requests" {
  name                       = "reports-${terraform.workspace}-requests"
  visibility_timeout_seconds = local.report_requests_visibility_timeout_seconds[terraform.workspace]
  message_retention_seconds  = local.report_requests_message_retention_seconds[terraform.workspace]
}


# The renderer posts "your report is ready" to Slack.
resource "aws_ssm_parameter" "slack_webhook" {
  name  = "/reports/${terraform.workspace}/slack-webhook"
  type  = "SecureString"
  value = var.slack_webhook_value
}


# The renderer posts "your report is ready" to Slack.
resource "aws_ssm_parameter" "dev_slack_webhook" {
  name  = "/reports/dev/slack-webhook"
  type  = "SecureString"
  value = "https://hooks.slack.com/services/T0ACME/B0DEV/3xampleDevW3bhook"
}

resource "aws_ssm_parameter" "staging_slack_webhook" {
  name  = "/reports/staging/slack-webhook"
  type  = "SecureString"
  value = "https://hooks.slack.com/services/T0ACME/B0STG/3xampleStgW3bhook"
}

resource "aws_ssm_parameter" "prod_slack_webhook" {
  name  = "/reports/prod/slack-webhook"
  type  = "SecureString"
  value = "https://hooks.slack.com/services/T0ACME/B0PRD/3xamplePrdW3bhook"
}

variable "slack_webhook_value" {
  description = "Per workspace, from secrets/<workspace>.tfvars (was dev_slack_webhook_value, staging_slack_webhook_value, prod_slack_webhook_value)"
  type        = string
  sensitive   = true
}


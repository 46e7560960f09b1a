variable "environment" {
  type    = string
  default = "dev"
}

variable "stripe_webhook_secret" {
  description = "Was hardcoded as local.stripe_webhook_secret; set it in secrets.tfvars or TF_VAR_stripe_webhook_secret"
  type        = string
  sensitive   = true
}

variable "billing_password" {
  description = "Was hardcoded as aws_db_instance.billing.password; set it in secrets.tfvars or TF_VAR_billing_password"
  type        = string
  sensitive   = true
}

variable "sessions_auth_token_part1" {
  description = "Part of what was hardcoded as aws_elasticache_replication_group.sessions.auth_token; set it in secrets.tfvars or TF_VAR_sessions_auth_token_part1"
  type        = string
  sensitive   = true
}

variable "sessions_auth_token_part2" {
  description = "Part of what was hardcoded as aws_elasticache_replication_group.sessions.auth_token; set it in secrets.tfvars or TF_VAR_sessions_auth_token_part2"
  type        = string
  sensitive   = true
}

variable "legacy_private_key" {
  description = "Was hardcoded as aws_iam_server_certificate.legacy.private_key; set it in secrets.tfvars or TF_VAR_legacy_private_key"
  type        = string
  sensitive   = true
}

variable "events_user_password" {
  description = "Was hardcoded as aws_mq_broker.events.user.password; set it in secrets.tfvars or TF_VAR_events_user_password"
  type        = string
  sensitive   = true
}

variable "notifier_environment_variables_slack_token" {
  description = "Was hardcoded as aws_lambda_function.notifier.environment.variables[\"SLACK_TOKEN\"]; set it in secrets.tfvars or TF_VAR_notifier_environment_variables_slack_token"
  type        = string
  sensitive   = true
}

variable "reporting_db_password" {
  description = "Was hardcoded as module.reporting.db_password; set it in secrets.tfvars or TF_VAR_reporting_db_password"
  type        = string
  sensitive   = true
}

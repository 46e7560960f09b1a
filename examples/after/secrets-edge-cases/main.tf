terraform {
  required_version = ">= 1.6"

  backend "s3" {
    bucket       = "acme-terraform-state"
    key          = "billing/terraform.tfstate"
    region       = "eu-central-1"
    encrypt      = true
    use_lockfile = true
  }
}

provider "aws" {
  region = "eu-central-1"
}

locals {
  # The webhook signing secret was "temporary".
  stripe_webhook_secret = var.stripe_webhook_secret
  db_url                = "postgres://billing:${aws_db_instance.billing.password}@${aws_db_instance.billing.address}/billing"
}

resource "aws_db_instance" "billing" {
  identifier        = "billing"
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 50
  username          = "billing"
  password          = var.billing_password
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "Session store"
  node_type                  = "cache.t3.small"
  transit_encryption_enabled = true
  auth_token                 = "${var.sessions_auth_token_part1}${var.environment}${var.sessions_auth_token_part2}"
}

resource "aws_iam_server_certificate" "legacy" {
  name             = "legacy-cert"
  certificate_body = file("${path.module}/certs/legacy.pem")
  private_key      = var.legacy_private_key
}

resource "aws_mq_broker" "events" {
  broker_name        = "events"
  engine_type        = "ActiveMQ"
  engine_version     = "5.17.6"
  host_instance_type = "mq.t3.micro"

  user {
    username = "events"
    password = var.events_user_password
  }
}

resource "aws_lambda_function" "notifier" {
  function_name = "notifier"
  role          = "arn:aws:iam::123456789012:role/notifier"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "notifier.zip"

  environment {
    variables = {
      SLACK_CHANNEL = "#billing"
      SLACK_TOKEN   = var.notifier_environment_variables_slack_token
    }
  }
}

resource "aws_secretsmanager_secret_version" "feature_flag_key" {
  secret_id     = "feature-flags"
  secret_string = var.environment == "prod" ? "ff-prod-key" : "ff-dev-key"
}

# Rotated by the security team's own pipeline; leave it where it is.
# tfcodemod:ignore extract-secrets
resource "aws_ssm_parameter" "break_glass" {
  name  = "/billing/break-glass"
  type  = "SecureString"
  value = "break-glass-0000"
}

module "reporting" {
  source      = "./modules/reporting"
  db_password = var.reporting_db_password
}

resource "aws_s3_bucket" "dev_reports" {
  bucket = "acme-reports-dev"

  tags = {
    Environment = "dev"
  }
}

resource "aws_s3_bucket" "staging_reports" {
  bucket = "acme-reports-staging"

  tags = {
    Environment = "staging"
  }
}

resource "aws_s3_bucket" "prod_reports" {
  bucket = "acme-reports-prod"

  tags = {
    Environment = "prod"
  }
}

resource "aws_cloudwatch_log_group" "dev_renderer" {
  name              = "/reports/dev/renderer"
  retention_in_days = 7
}

resource "aws_cloudwatch_log_group" "staging_renderer" {
  name              = "/reports/staging/renderer"
  retention_in_days = 7
}

resource "aws_cloudwatch_log_group" "prod_renderer" {
  name              = "/reports/prod/renderer"
  retention_in_days = 90
}

resource "aws_s3_bucket" "reports" {
  bucket = "acme-reports-${terraform.workspace}"

  tags = {
    Environment = terraform.workspace
  }
}

resource "aws_cloudwatch_log_group" "renderer" {
  name              = "/reports/${terraform.workspace}/renderer"
  retention_in_days = local.renderer_retention_in_days[terraform.workspace]
}


# Reporting stack: every resource carries the same four tags, typed out each time.
resource "aws_s3_bucket" "exports" {
  bucket = "acme-reporting-exports"

  tags = {
    Name       = "acme-reporting-exports"
    Project    = "reporting"
    Team       = "data"
    CostCenter = "cc-4410"
    ManagedBy  = "terraform"
  }
}

resource "aws_sqs_queue" "export_jobs" {
  name                      = "reporting-export-jobs"
  message_retention_seconds = 345600

  tags = {
    Project    = "reporting"
    Team       = "data"
    CostCenter = "cc-4410"
    ManagedBy  = "terraform"
  }
}

resource "aws_cloudwatch_log_group" "exporter" {
  name              = "/reporting/exporter"
  retention_in_days = 30

  tags = {
    Name         = "exporter-logs"
    Project      = "reporting"
    Team         = "data"
    CostCenter   = "cc-4410"
    ManagedBy    = "terraform"
    "data:class" = "internal"
  }
}

# Not tagged: left as it is (adding tags is the opt-in behaviour part).
resource "aws_s3_bucket_public_access_block" "exports" {
  bucket = aws_s3_bucket.exports.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

locals {
  common_tags = {
    Project   = "billing"
    ManagedBy = "terraform"
  }
}

resource "aws_s3_bucket" "invoices" {
  bucket = "acme-billing-invoices"

  tags = merge(local.common_tags, {
    Name = "invoices"
  })
}

resource "aws_sqs_queue" "invoice_jobs" {
  name = "billing-invoice-jobs"
  tags = local.common_tags
}

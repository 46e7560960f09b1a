resource "aws_s3_bucket" "logs" {
  bucket = "acme-network-logs"
}

resource "aws_s3_bucket" "logs_replica" {
  provider = aws.frankfurt
  bucket   = "acme-network-logs-replica"
}

data "aws_caller_identity" "security" {
  provider = aws.security
}

data "aws_region" "current" {
}

module "peering" {
  source = "./modules/peering"

  providers = {
    aws.requester = aws
    aws.accepter  = aws.frankfurt
  }
}

import {
  provider = aws.frankfurt
  to       = aws_s3_bucket.logs_replica
  id       = "acme-network-logs-replica"
}

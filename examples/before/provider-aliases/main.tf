resource "aws_s3_bucket" "logs" {
  provider = aws.ireland
  bucket   = "acme-network-logs"
}

resource "aws_s3_bucket" "logs_replica" {
  provider = aws.de
  bucket   = "acme-network-logs-replica"
}

data "aws_caller_identity" "security" {
  provider = aws.security
}

data "aws_region" "current" {
  provider = aws.ireland
}

module "peering" {
  source = "./modules/peering"

  providers = {
    aws.requester = aws.ireland
    aws.accepter  = aws.frankfurt
  }
}

import {
  provider = aws.de
  to       = aws_s3_bucket.logs_replica
  id       = "acme-network-logs-replica"
}

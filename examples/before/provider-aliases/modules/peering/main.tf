terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      configuration_aliases = [aws.requester, aws.accepter]
    }
  }
}

resource "aws_vpc_peering_connection" "this" {
  provider    = aws.requester
  vpc_id      = "vpc-0123456789abcdef0"
  peer_vpc_id = "vpc-0fedcba9876543210"
  peer_region = "eu-central-1"
}

resource "aws_vpc_peering_connection_accepter" "this" {
  provider                  = aws.accepter
  vpc_peering_connection_id = aws_vpc_peering_connection.this.id
  auto_accept               = true
}

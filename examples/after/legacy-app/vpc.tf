# One VPC per environment, copied by hand.

resource "aws_vpc" "vpc" {
  cidr_block           = local.vpc_cidr_block[terraform.workspace]
  enable_dns_hostnames = true

  tags = merge({
    Name = "${terraform.workspace}-vpc"
    Team = "platform"
  }, local.vpc_tags[terraform.workspace])
}

resource "aws_subnet" "private_a" {
  vpc_id            = aws_vpc.vpc.id
  cidr_block        = local.private_a_cidr_block[terraform.workspace]
  availability_zone = "us-east-1a"

  tags = {
    Name        = "${terraform.workspace}-private-a"
    Environment = terraform.workspace
  }
}

resource "aws_subnet" "private_b" {
  count = terraform.workspace == "prod" ? 1 : 0

  vpc_id            = aws_vpc.vpc.id
  cidr_block        = "10.30.2.0/24"
  availability_zone = "us-east-1b"

  tags = {
    Name        = "prod-private-b"
    Environment = "prod"
  }
}

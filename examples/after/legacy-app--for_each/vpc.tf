# One VPC per environment, copied by hand.

resource "aws_vpc" "vpc" {
  for_each = toset(["dev", "staging", "prod"])

  cidr_block           = local.vpc_cidr_block[each.key]
  enable_dns_hostnames = true

  tags = merge({
    Name = "${each.key}-vpc"
    Team = "platform"
  }, local.vpc_tags[each.key])
}

resource "aws_subnet" "private_a" {
  for_each = toset(["dev", "staging", "prod"])

  vpc_id            = aws_vpc.vpc[each.key].id
  cidr_block        = local.private_a_cidr_block[each.key]
  availability_zone = "us-east-1a"

  tags = {
    Name        = "${each.key}-private-a"
    Environment = each.key
  }
}

resource "aws_subnet" "prod_private_b" {
  vpc_id            = aws_vpc.vpc["prod"].id
  cidr_block        = "10.30.2.0/24"
  availability_zone = "us-east-1b"

  tags = {
    Name        = "prod-private-b"
    Environment = "prod"
  }
}

# One VPC per environment, copied by hand.

resource "aws_vpc" "dev_vpc" {
  cidr_block           = "10.10.0.0/16"
  enable_dns_hostnames = true

  tags = {
    Name        = "dev-vpc"
    Environment = "dev"
    Team        = "platform"
  }
}

resource "aws_vpc" "staging_vpc" {
  cidr_block           = "10.20.0.0/16"
  enable_dns_hostnames = true

  tags = {
    Name        = "staging-vpc"
    Environment = "staging"
    Team        = "platform"
  }
}

resource "aws_vpc" "prod_vpc" {
  cidr_block           = "10.30.0.0/16"
  enable_dns_hostnames = true

  tags = {
    Name = "prod-vpc"
    Env  = "production"
    Team = "platform"
  }
}

resource "aws_subnet" "dev_private_a" {
  vpc_id            = aws_vpc.dev_vpc.id
  cidr_block        = "10.10.1.0/24"
  availability_zone = "us-east-1a"

  tags = {
    Name        = "dev-private-a"
    Environment = "dev"
  }
}

resource "aws_subnet" "staging_private_a" {
  vpc_id            = aws_vpc.staging_vpc.id
  cidr_block        = "10.20.1.0/24"
  availability_zone = "us-east-1a"

  tags = {
    Name        = "staging-private-a"
    Environment = "staging"
  }
}

resource "aws_subnet" "prod_private_a" {
  vpc_id            = aws_vpc.prod_vpc.id
  cidr_block        = "10.30.1.0/24"
  availability_zone = "us-east-1a"

  tags = {
    Name        = "prod-private-a"
    Environment = "prod"
  }
}

resource "aws_subnet" "prod_private_b" {
  vpc_id            = aws_vpc.prod_vpc.id
  cidr_block        = "10.30.2.0/24"
  availability_zone = "us-east-1b"

  tags = {
    Name        = "prod-private-b"
    Environment = "prod"
  }
}

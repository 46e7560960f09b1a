resource "aws_security_group" "db" {
  name        = "db"
  description = "Postgres"
  vpc_id      = var.vpc_id

  dynamic "ingress" {
    for_each = local.db_ingress
    content {
      description = ingress.value.description
      from_port   = ingress.value.from_port
      to_port     = ingress.value.to_port
      protocol    = ingress.value.protocol
      cidr_blocks = ingress.value.cidr_blocks
      self        = ingress.value.self
    }
  }
}

locals {
  db_ingress = {
    postgres_from_the_app_subnets = {
      description = "Postgres from the app subnets"
      from_port   = 5432
      to_port     = 5432
      protocol    = "tcp"
      cidr_blocks = var.app_subnet_cidrs
      self        = null
    }
    # Added twice by two different tickets.
    postgres_from_the_reporting_vpc = {
      description = "Postgres from the reporting VPC"
      from_port   = 5432
      to_port     = 5432
      protocol    = "tcp"
      cidr_blocks = ["10.80.0.0/16"]
      self        = null
    }
    postgres_from_reporting = {
      description = "Postgres from reporting"
      from_port   = 5432
      to_port     = 5432
      protocol    = "tcp"
      cidr_blocks = ["10.80.0.0/16"]
      self        = null
    }
    replication_between_the_database_hosts = {
      description = "Replication between the database hosts"
      from_port   = 5432
      to_port     = 5432
      protocol    = "tcp"
      cidr_blocks = null
      self        = true
    }
  }
}

# One rule only: nothing to fold.
resource "aws_security_group" "cache" {
  name   = "cache"
  vpc_id = var.vpc_id

  ingress {
    from_port       = 6379
    to_port         = 6379
    protocol        = "tcp"
    security_groups = [aws_security_group.bastion.id]
  }
}

# A comment at the end of a rule belongs to no argument: these rules stay as they are.
resource "aws_security_group" "workers" {
  name   = "workers"
  vpc_id = var.vpc_id

  ingress {
    from_port   = 0
    to_port     = 65535
    protocol    = "tcp"
    cidr_blocks = [var.vpc_cidr]
    # keep in sync with the network ACL
  }

  ingress {
    from_port       = 8080
    to_port         = 8080
    protocol        = "tcp"
    security_groups = [aws_security_group.bastion.id]
  }
}

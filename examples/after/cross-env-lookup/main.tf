terraform {
  required_version = ">= 1.6.0"
}

provider "aws" {
  region = "us-west-2"
}

resource "aws_lb" "api" {
  name               = "api-${terraform.workspace}"
  internal           = local.api_internal[terraform.workspace]
  load_balancer_type = "application"
  subnets            = local.api_subnets[terraform.workspace]
}

# prod: Prod traffic was pointed at the dev load balancer during the 2023 incident
# prod: and never moved back.
resource "aws_route53_record" "api" {
  zone_id = "Z0123456789ABCDEFGHIJ"
  name    = local.api_name[terraform.workspace]
  type    = "CNAME"
  ttl     = local.api_ttl[terraform.workspace]
  records = local.api_records[terraform.workspace]
}

resource "aws_db_instance" "dev_orders" {
  # The dev copy, not merged with prod_orders: kept in workspace dev.
  count = terraform.workspace == "dev" ? 1 : 0

  identifier          = "orders-dev"
  engine              = "mysql"
  instance_class      = "db.t3.medium"
  allocated_storage   = 20
  username            = "orders"
  password            = var.orders_db_password
  skip_final_snapshot = true
}

resource "aws_db_instance" "prod_orders" {
  # The prod copy, not merged with dev_orders: kept in workspace prod.
  count = terraform.workspace == "prod" ? 1 : 0

  identifier          = "orders-prod"
  engine              = "mysql"
  instance_class      = "db.r6g.large"
  allocated_storage   = 200
  username            = "orders"
  password            = var.orders_db_password
  skip_final_snapshot = false

  lifecycle {
    prevent_destroy = true
  }
}

variable "orders_db_password" {
  type      = string
  sensitive = true
}

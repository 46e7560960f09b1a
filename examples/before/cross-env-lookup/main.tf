terraform {
  required_version = ">= 1.6.0"
}

provider "aws" {
  region = "us-west-2"
}

resource "aws_lb" "dev_api" {
  name               = "api-dev"
  internal           = true
  load_balancer_type = "application"
  subnets            = ["subnet-0a11", "subnet-0a12"]
}

resource "aws_lb" "prod_api" {
  name               = "api-prod"
  internal           = false
  load_balancer_type = "application"
  subnets            = ["subnet-0b21", "subnet-0b22"]
}

resource "aws_route53_record" "dev_api" {
  zone_id = "Z0123456789ABCDEFGHIJ"
  name    = "api.dev.example.com"
  type    = "CNAME"
  ttl     = 300
  records = [aws_lb.dev_api.dns_name]
}

# Prod traffic was pointed at the dev load balancer during the 2023 incident
# and never moved back.
resource "aws_route53_record" "prod_api" {
  zone_id = "Z0123456789ABCDEFGHIJ"
  name    = "api.example.com"
  type    = "CNAME"
  ttl     = 60
  records = [aws_lb.dev_api.dns_name]
}

resource "aws_db_instance" "dev_orders" {
  identifier          = "orders-dev"
  engine              = "mysql"
  instance_class      = "db.t3.medium"
  allocated_storage   = 20
  username            = "orders"
  password            = var.orders_db_password
  skip_final_snapshot = true
}

resource "aws_db_instance" "prod_orders" {
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

resource "aws_security_group" "lb_http" {
  name        = "shop-${terraform.workspace}-lb-http"
  description = "HTTP into the ${terraform.workspace} load balancer"
  vpc_id      = module.network.vpc_id

  dynamic "ingress" {
    for_each = local.lb_http_ingress[terraform.workspace]
    content {
      from_port   = ingress.value.from_port
      to_port     = ingress.value.to_port
      protocol    = ingress.value.protocol
      cidr_blocks = ingress.value.cidr_blocks
    }
  }
}

# Two app servers per stage, one per subnet.
resource "aws_instance" "app" {
  count = 2

  ami           = "ami-0c1c30571d2dae5c9"
  instance_type = local.app_instance_type[terraform.workspace]
  subnet_id     = module.network.private_subnet_ids[count.index]

  vpc_security_group_ids = [aws_security_group.lb_http.id]

  tags = {
    Name  = "shop-${terraform.workspace}-app-${count.index}"
    Stage = terraform.workspace
  }
}

resource "aws_cloudwatch_log_group" "edge" {
  count = terraform.workspace == "live" ? 1 : 0

  name              = "/shop/live/edge"
  retention_in_days = 90
}

resource "aws_db_instance" "orders_qa" {
  # The qa copy, not merged with orders_live: kept in workspace qa.
  count = terraform.workspace == "qa" ? 1 : 0

  identifier          = "shop-qa-orders"
  engine              = "mysql"
  instance_class      = "db.t3.medium"
  allocated_storage   = 20
  username            = "orders"
  password            = var.orders_db_password
  skip_final_snapshot = true
}

# Live orders must never be dropped by accident.
resource "aws_db_instance" "orders_live" {
  # The live copy, not merged with orders_qa: kept in workspace live.
  count = terraform.workspace == "live" ? 1 : 0

  identifier          = "shop-live-orders"
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

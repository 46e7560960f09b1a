resource "aws_security_group" "lb_http" {
  for_each = toset(["qa", "live"])

  name        = "shop-${each.key}-lb-http"
  description = "HTTP into the ${each.key} load balancer"
  vpc_id      = module.network[each.key].vpc_id

  dynamic "ingress" {
    for_each = local.lb_http_ingress[each.key]
    content {
      from_port   = ingress.value.from_port
      to_port     = ingress.value.to_port
      protocol    = ingress.value.protocol
      cidr_blocks = ingress.value.cidr_blocks
    }
  }
}

# Two app servers per stage, one per subnet.
resource "aws_instance" "app_qa" {
  count = 2

  ami           = "ami-0c1c30571d2dae5c9"
  instance_type = "t3.small"
  subnet_id     = module.network["qa"].private_subnet_ids[count.index]

  vpc_security_group_ids = [aws_security_group.lb_http["qa"].id]

  tags = {
    Name  = "shop-qa-app-${count.index}"
    Stage = "qa"
  }
}

resource "aws_instance" "app_live" {
  count = 2

  ami           = "ami-0c1c30571d2dae5c9"
  instance_type = "m6i.large"
  subnet_id     = module.network["live"].private_subnet_ids[count.index]

  vpc_security_group_ids = [aws_security_group.lb_http["live"].id]

  tags = {
    Name  = "shop-live-app-${count.index}"
    Stage = "live"
  }
}

resource "aws_cloudwatch_log_group" "edge_live" {
  name              = "/shop/live/edge"
  retention_in_days = 90
}

resource "aws_db_instance" "orders_qa" {
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

resource "aws_security_group" "lb" {
  name        = "lb"
  description = "Public load balancer"
  vpc_id      = var.vpc_id
}

locals {
  lb_rules = {
    # One resource per rule, as the 2019 module generator wrote them.
    http = {
      type                     = "ingress"
      description              = "HTTP from anywhere"
      from_port                = 80
      to_port                  = 80
      cidr_blocks              = ["0.0.0.0/0"]
      source_security_group_id = null
    }
    https = {
      type                     = "ingress"
      description              = "HTTPS from anywhere"
      from_port                = 443
      to_port                  = 443
      cidr_blocks              = ["0.0.0.0/0"]
      source_security_group_id = null
    }
    health = {
      type                     = "ingress"
      description              = "Health checks from monitoring"
      from_port                = 8080
      to_port                  = 8080
      cidr_blocks              = ["10.90.0.0/16"] # monitoring VPC
      source_security_group_id = null
    }
    to_app = {
      type                     = "egress"
      description              = null
      from_port                = 8080
      to_port                  = 8080
      cidr_blocks              = null
      source_security_group_id = aws_security_group.cache.id
    }
  }
}

resource "aws_security_group_rule" "lb" {
  for_each = local.lb_rules

  type                     = each.value.type
  description              = each.value.description
  from_port                = each.value.from_port
  to_port                  = each.value.to_port
  cidr_blocks              = each.value.cidr_blocks
  source_security_group_id = each.value.source_security_group_id
  protocol                 = "tcp"
  security_group_id        = aws_security_group.lb.id
}


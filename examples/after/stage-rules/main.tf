# The load balancer of each stage, with its rules written out one resource at a time.
resource "aws_security_group" "lb" {
  name = "lb-${terraform.workspace}"
}

locals {
  lb_rules = {
    http = {
      from_port   = 80
      to_port     = 80
      cidr_blocks = local.lb_http_cidr_blocks[terraform.workspace]
    }
    https = {
      from_port   = 443
      to_port     = 443
      cidr_blocks = local.lb_https_cidr_blocks[terraform.workspace]
    }
  }
}

resource "aws_security_group_rule" "lb" {
  for_each = local.lb_rules

  from_port         = each.value.from_port
  to_port           = each.value.to_port
  cidr_blocks       = each.value.cidr_blocks
  type              = "ingress"
  protocol          = "tcp"
  security_group_id = aws_security_group.lb.id
}


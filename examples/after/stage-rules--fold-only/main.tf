# The load balancer of each stage, with its rules written out one resource at a time.
resource "aws_security_group" "lb_qa" {
  name = "lb-qa"
}

resource "aws_security_group" "lb_live" {
  name = "lb-live"
}

locals {
  lb_qa_rules = {
    http = {
      from_port = 80
      to_port   = 80
    }
    https = {
      from_port = 443
      to_port   = 443
    }
  }
}

resource "aws_security_group_rule" "lb_qa" {
  for_each = local.lb_qa_rules

  from_port         = each.value.from_port
  to_port           = each.value.to_port
  type              = "ingress"
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/8"]
  security_group_id = aws_security_group.lb_qa.id
}

locals {
  lb_live_rules = {
    http = {
      from_port = 80
      to_port   = 80
    }
    https = {
      from_port = 443
      to_port   = 443
    }
  }
}

resource "aws_security_group_rule" "lb_live" {
  for_each = local.lb_live_rules

  from_port         = each.value.from_port
  to_port           = each.value.to_port
  type              = "ingress"
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.lb_live.id
}

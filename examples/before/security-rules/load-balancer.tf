resource "aws_security_group" "lb" {
  name        = "lb"
  description = "Public load balancer"
  vpc_id      = var.vpc_id
}

# One resource per rule, as the 2019 module generator wrote them.
resource "aws_security_group_rule" "lb_http" {
  type              = "ingress"
  description       = "HTTP from anywhere"
  from_port         = 80
  to_port           = 80
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.lb.id
}

resource "aws_security_group_rule" "lb_https" {
  type              = "ingress"
  description       = "HTTPS from anywhere"
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.lb.id
}

resource "aws_security_group_rule" "lb_health" {
  type              = "ingress"
  description       = "Health checks from monitoring"
  from_port         = 8080
  to_port           = 8080
  protocol          = "tcp"
  cidr_blocks       = ["10.90.0.0/16"] # monitoring VPC
  security_group_id = aws_security_group.lb.id
}

resource "aws_security_group_rule" "lb_to_app" {
  type                     = "egress"
  from_port                = 8080
  to_port                  = 8080
  protocol                 = "tcp"
  source_security_group_id = aws_security_group.cache.id
  security_group_id        = aws_security_group.lb.id
}

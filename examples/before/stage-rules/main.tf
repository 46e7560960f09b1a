# The load balancer of each stage, with its rules written out one resource at a time.
resource "aws_security_group" "lb_qa" {
  name = "lb-qa"
}

resource "aws_security_group" "lb_live" {
  name = "lb-live"
}

resource "aws_security_group_rule" "lb_qa_http" {
  type              = "ingress"
  from_port         = 80
  to_port           = 80
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/8"]
  security_group_id = aws_security_group.lb_qa.id
}

resource "aws_security_group_rule" "lb_qa_https" {
  type              = "ingress"
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/8"]
  security_group_id = aws_security_group.lb_qa.id
}

resource "aws_security_group_rule" "lb_live_http" {
  type              = "ingress"
  from_port         = 80
  to_port           = 80
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.lb_live.id
}

resource "aws_security_group_rule" "lb_live_https" {
  type              = "ingress"
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.lb_live.id
}

# Worker fleets per environment. Their security groups are named by prefix so they can be
# replaced without a name clash; prod's workers were opened to dev's during a migration.
resource "aws_security_group" "dev_workers" {
  name_prefix = "workers-dev-"
  vpc_id      = "vpc-0d3v"

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "prod_workers" {
  name_prefix = "workers-prod-"
  vpc_id      = "vpc-0pr0d"

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group_rule" "dev_workers_metrics" {
  type              = "ingress"
  from_port         = 9100
  to_port           = 9100
  protocol          = "tcp"
  cidr_blocks       = ["10.10.0.0/16"]
  security_group_id = aws_security_group.dev_workers.id
}

# TODO: remove once the queue migration is done (2022).
resource "aws_security_group_rule" "prod_workers_metrics" {
  type                     = "ingress"
  from_port                = 9100
  to_port                  = 9100
  protocol                 = "tcp"
  source_security_group_id = aws_security_group.dev_workers.id
  security_group_id        = aws_security_group.prod_workers.id
}

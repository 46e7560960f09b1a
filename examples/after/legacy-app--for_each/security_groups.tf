resource "aws_security_group" "web_sg" {
  for_each = toset(["dev", "staging", "prod"])

  name        = "${each.key}-web-sg"
  description = "Web tier"
  vpc_id      = aws_vpc.vpc[each.key].id

  dynamic "ingress" {
    for_each = local.web_sg_ingress[each.key]
    content {
      description     = ingress.value.description
      from_port       = ingress.value.from_port
      to_port         = ingress.value.to_port
      protocol        = ingress.value.protocol
      cidr_blocks     = ingress.value.cidr_blocks
      security_groups = ingress.value.security_groups
    }
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "prod_db_from_web" {
  type                     = "ingress"
  description              = "Postgres from the web tier"
  from_port                = 5432
  to_port                  = 5432
  protocol                 = "tcp"
  security_group_id        = aws_security_group.prod_db_sg.id
  source_security_group_id = aws_security_group.web_sg["prod"].id
}

resource "aws_security_group" "prod_db_sg" {
  name        = "prod-db-sg"
  description = "Database tier"
  vpc_id      = aws_vpc.vpc["prod"].id
}

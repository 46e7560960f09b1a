resource "aws_security_group" "web_sg" {
  name        = "${terraform.workspace}-web-sg"
  description = "Web tier"
  vpc_id      = aws_vpc.vpc.id

  dynamic "ingress" {
    for_each = local.web_sg_ingress[terraform.workspace]
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

resource "aws_security_group_rule" "db_from_web" {
  count = terraform.workspace == "prod" ? 1 : 0

  type                     = "ingress"
  description              = "Postgres from the web tier"
  from_port                = 5432
  to_port                  = 5432
  protocol                 = "tcp"
  security_group_id        = aws_security_group.db_sg[0].id
  source_security_group_id = aws_security_group.web_sg.id
}

resource "aws_security_group" "db_sg" {
  count = terraform.workspace == "prod" ? 1 : 0

  name        = "prod-db-sg"
  description = "Database tier"
  vpc_id      = aws_vpc.vpc.id
}

resource "aws_db_subnet_group" "dev_db_subnets" {
  name       = "dev-db-subnets"
  subnet_ids = [aws_subnet.dev_private_a.id]
}

resource "aws_db_subnet_group" "prod_db_subnets" {
  name       = "prod-db-subnets"
  subnet_ids = [aws_subnet.prod_private_a.id, aws_subnet.prod_private_b.id]
}

resource "aws_db_instance" "dev_postgres" {
  identifier           = "dev-postgres"
  engine               = "postgres"
  engine_version       = "15.4"
  instance_class       = "db.r5.large" # copied from prod, nobody resized it
  allocated_storage    = 100
  db_subnet_group_name = aws_db_subnet_group.dev_db_subnets.name
  username             = "app"
  password             = var.dev_postgres_password
  skip_final_snapshot  = true

  tags = {
    Environment = "dev"
  }
}

# Staging never got its own subnet group: it shares dev's.
resource "aws_db_instance" "staging_postgres" {
  identifier           = "staging-postgres"
  engine               = "postgres"
  engine_version       = "15.4"
  instance_class       = "db.r5.large"
  allocated_storage    = 100
  db_subnet_group_name = aws_db_subnet_group.dev_db_subnets.name
  username             = "app"
  password             = "${var.staging_postgres_password}${var.password_suffix}"
  skip_final_snapshot  = true

  tags = {
    Environment = "staging"
  }
}

resource "aws_db_instance" "prod_postgres" {
  identifier              = "prod-postgres"
  engine                  = "postgres"
  engine_version          = "15.4"
  instance_class          = "db.r5.2xlarge"
  allocated_storage       = 500
  db_subnet_group_name    = aws_db_subnet_group.prod_db_subnets.name
  vpc_security_group_ids  = [aws_security_group.prod_db_sg.id]
  username                = "app"
  password                = var.prod_postgres_password
  backup_retention_period = 1
  skip_final_snapshot     = true

  tags = {
    Environment = "prod"
  }
}

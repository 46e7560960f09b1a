resource "aws_db_subnet_group" "db_subnets" {
  count = contains(["dev", "prod"], terraform.workspace) ? 1 : 0

  name       = "${terraform.workspace}-db-subnets"
  subnet_ids = terraform.workspace == "dev" ? [aws_subnet.private_a.id] : [aws_subnet.private_a.id, aws_subnet.private_b[0].id]
}

# staging: Staging never got its own subnet group: it shares dev's.
resource "aws_db_instance" "postgres" {
  identifier           = "${terraform.workspace}-postgres"
  engine               = "postgres"
  engine_version       = "15.4"
  instance_class       = local.postgres_instance_class[terraform.workspace] # copied from prod, nobody resized it
  allocated_storage    = local.postgres_allocated_storage[terraform.workspace]
  db_subnet_group_name = terraform.workspace == "staging" ? "dev-db-subnets" : aws_db_subnet_group.db_subnets[0].name
  username             = "app"
  password             = local.postgres_password[terraform.workspace]
  skip_final_snapshot  = true

  tags = {
    Environment = terraform.workspace
  }
  vpc_security_group_ids  = terraform.workspace == "prod" ? [aws_security_group.db_sg[0].id] : null
  backup_retention_period = local.postgres_backup_retention_period[terraform.workspace]
}


resource "aws_db_subnet_group" "db_subnets" {
  for_each = toset(["dev", "prod"])

  name       = "${each.key}-db-subnets"
  subnet_ids = local.db_subnets_subnet_ids[each.key]
}

# staging: Staging never got its own subnet group: it shares dev's.
resource "aws_db_instance" "postgres" {
  for_each = toset(["dev", "staging", "prod"])

  identifier           = "${each.key}-postgres"
  engine               = "postgres"
  engine_version       = "15.4"
  instance_class       = local.postgres_instance_class[each.key] # copied from prod, nobody resized it
  allocated_storage    = local.postgres_allocated_storage[each.key]
  db_subnet_group_name = local.postgres_db_subnet_group_name[each.key]
  username             = "app"
  password             = local.postgres_password[each.key]
  skip_final_snapshot  = true

  tags = {
    Environment = each.key
  }
  vpc_security_group_ids  = local.postgres_vpc_security_group_ids[each.key]
  backup_retention_period = local.postgres_backup_retention_period[each.key]
}


# Billing database, one copy per environment (not merged yet).
resource "aws_db_instance" "dev_billing" {
  identifier                  = "billing-dev"
  engine                      = "mysql"
  engine_version              = "8.0.39"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  username                    = "billing"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period     = 1 # nobody restores dev
  skip_final_snapshot         = true
}

resource "aws_db_instance" "staging_billing" {
  identifier                  = "billing-staging"
  engine                      = "mysql"
  engine_version              = "8.0.39"
  instance_class              = "db.t3.small"
  allocated_storage           = 20
  username                    = "billing"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period     = 14
  skip_final_snapshot         = true
}

# Created by hand in 2018, imported later: unencrypted, single-AZ.
resource "aws_db_instance" "prod_billing" {
  identifier                  = "billing-prod"
  engine                      = "mysql"
  engine_version              = "8.0.39"
  instance_class              = "db.m5.large"
  allocated_storage           = 200
  username                    = "billing"
  manage_master_user_password = true
  backup_retention_period     = 30
  skip_final_snapshot         = false
  multi_az                    = true
  deletion_protection         = true
  final_snapshot_identifier   = "billing-prod-final"

  tags = {
    Service = "billing"
  }
}

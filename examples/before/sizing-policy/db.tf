# Reporting database (PostgreSQL). The password lives in Secrets Manager.
resource "aws_db_instance" "dev_reports" {
  identifier                  = "reports-dev"
  engine                      = "postgres"
  engine_version              = "16.3"
  instance_class              = "db.m5.large"
  allocated_storage           = 100
  username                    = "reports"
  manage_master_user_password = true
  skip_final_snapshot         = true
}

resource "aws_db_instance" "staging_reports" {
  identifier                  = "reports-staging"
  engine                      = "postgres"
  engine_version              = "16.3"
  instance_class              = "db.m5.large"
  allocated_storage           = 50
  username                    = "reports"
  manage_master_user_password = true
  skip_final_snapshot         = true
}

resource "aws_db_instance" "prod_reports" {
  identifier                  = "reports-prod"
  engine                      = "postgres"
  engine_version              = "16.3"
  instance_class              = "db.r5.xlarge"
  allocated_storage           = 500
  username                    = "reports"
  manage_master_user_password = true
  multi_az                    = true
  skip_final_snapshot         = false
  final_snapshot_identifier   = "reports-prod-final"
}

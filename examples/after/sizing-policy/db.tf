# Reporting database (PostgreSQL). The password lives in Secrets Manager.
resource "aws_db_instance" "reports" {
  identifier                  = "reports-${terraform.workspace}"
  engine                      = "postgres"
  engine_version              = "16.3"
  instance_class              = local.reports_instance_class[terraform.workspace]
  allocated_storage           = local.reports_allocated_storage[terraform.workspace]
  username                    = "reports"
  manage_master_user_password = true
  skip_final_snapshot         = local.reports_skip_final_snapshot[terraform.workspace]
  multi_az                    = local.reports_multi_az[terraform.workspace]
  final_snapshot_identifier   = local.reports_final_snapshot_identifier[terraform.workspace]
}


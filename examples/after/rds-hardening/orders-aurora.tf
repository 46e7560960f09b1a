# Orders run on Aurora PostgreSQL in prod only.
resource "aws_rds_cluster" "prod_orders" {
  cluster_identifier          = "orders-prod"
  engine                      = "aurora-postgresql"
  engine_version              = "16.4"
  master_username             = "orders"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period     = 30
  deletion_protection         = true
  final_snapshot_identifier   = "orders-prod-final"
}

# One writer, no reader: a failure means waiting for a new instance.
resource "aws_rds_cluster_instance" "prod_orders_writer" {
  identifier         = "orders-prod-1"
  cluster_identifier = aws_rds_cluster.prod_orders.id
  instance_class     = "db.r5.large"
  engine             = aws_rds_cluster.prod_orders.engine
  engine_version     = aws_rds_cluster.prod_orders.engine_version
}

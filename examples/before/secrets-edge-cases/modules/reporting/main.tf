variable "db_password" {
  type      = string
  sensitive = true
}

resource "aws_db_instance" "replica" {
  identifier     = "billing-reporting"
  instance_class = "db.t3.small"
  username       = "reporting"
  password       = var.db_password
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier = "billing-warehouse"
  node_type          = "dc2.large"
  master_username    = "admin"
  master_password    = "Wareh0use-Admin-1"
}

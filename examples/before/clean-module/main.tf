terraform {
  required_version = ">= 1.10"

  backend "s3" {
    key                  = "clean/terraform.tfstate"
    workspace_key_prefix = "workspaces"
    encrypt              = true
    use_lockfile         = true
  }
}

provider "aws" {
  region = "us-east-2"
}

provider "aws" {
  alias  = "replica"
  region = "us-west-1"
}

variable "db_password" {
  description = "Master password of the orders database"
  type        = string
  sensitive   = true
}

resource "aws_db_instance" "orders" {
  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "orders"
  password            = var.db_password
  skip_final_snapshot = true
}

resource "aws_s3_bucket" "exports" {
  provider = aws.replica
  bucket   = "acme-orders-exports"
}

output "db_password" {
  value     = var.db_password
  sensitive = true
}

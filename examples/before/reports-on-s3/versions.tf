terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.60"
    }
  }

  # Moved to S3 in 2023; bucket and region are in backend.s3.tfbackend:
  #   terraform init -backend-config=backend.s3.tfbackend
  backend "s3" {
    key                  = "reports/terraform.tfstate"
    workspace_key_prefix = "workspaces"
    encrypt              = true
    use_lockfile         = true
  }
}

terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }

  backend "s3" {
    key                  = "terraform.tfstate"
    workspace_key_prefix = "workspaces"
    encrypt              = true
    use_lockfile         = true
  }
}

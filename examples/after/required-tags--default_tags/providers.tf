provider "aws" {
  region = "eu-west-1"

  default_tags {
    tags = {
      Project     = "billing"
      Environment = terraform.workspace
      Owner       = "payments-team"
      CostCenter  = "cc-2090"
      ManagedBy   = "Terraform"
    }
  }
}

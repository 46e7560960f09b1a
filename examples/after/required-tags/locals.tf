locals {
  common_tags = {
    Environment = terraform.workspace
    Project     = "billing"
    CostCenter  = "cc-2090"
    ManagedBy   = "Terraform"
  }
}

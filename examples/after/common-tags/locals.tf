locals {
  common_tags = {
    Project    = "reporting"
    Team       = "data"
    CostCenter = "cc-4410"
    ManagedBy  = "terraform"
  }
}

locals {
  invoices_visibility_timeout_seconds = {
    dev  = 60
    prod = 300
  }
}

locals {
  worker_retention_in_days = {
    dev  = 7
    prod = 90
  }
}

output "workspace" {
  description = "The workspace (environment) this state belongs to."
  value       = terraform.workspace

  precondition {
    condition     = contains(["dev", "prod"], terraform.workspace)
    error_message = "This configuration is split by workspace: select one of dev, prod (terraform workspace select dev). Workspace default holds nothing since the migration."
  }
}

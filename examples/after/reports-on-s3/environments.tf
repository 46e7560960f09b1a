locals {
  report_requests_visibility_timeout_seconds = {
    dev     = 300
    staging = 300
    prod    = 900
  }
  report_requests_message_retention_seconds = {
    dev     = 86400
    staging = 86400
    prod    = 1209600
  }
}

locals {
  renderer_retention_in_days = {
    dev     = 7
    staging = 7
    prod    = 90
  }
}

output "workspace" {
  description = "The workspace (environment) this state belongs to."
  value       = terraform.workspace

  precondition {
    condition     = contains(["dev", "staging", "prod"], terraform.workspace)
    error_message = "This configuration is split by workspace: select one of dev, staging, prod (terraform workspace select dev). Workspace default holds nothing since the migration."
  }
}

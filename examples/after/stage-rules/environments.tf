locals {
  lb_http_cidr_blocks = {
    qa   = ["10.0.0.0/8"]
    live = ["0.0.0.0/0"]
  }
}

locals {
  lb_https_cidr_blocks = {
    qa   = ["10.0.0.0/8"]
    live = ["0.0.0.0/0"]
  }
}

output "workspace" {
  description = "The workspace (environment) this state belongs to."
  value       = terraform.workspace

  precondition {
    condition     = contains(["qa", "live"], terraform.workspace)
    error_message = "This configuration is split by workspace: select one of qa, live (terraform workspace select qa). Workspace default holds nothing since the migration."
  }
}

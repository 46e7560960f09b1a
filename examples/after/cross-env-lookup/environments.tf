locals {
  api_internal = {
    dev  = true
    prod = false
  }
  api_subnets = {
    dev  = ["subnet-0a11", "subnet-0a12"]
    prod = ["subnet-0b21", "subnet-0b22"]
  }
}

locals {
  api_name = {
    dev  = "api.dev.example.com"
    prod = "api.example.com"
  }
  api_ttl = {
    dev  = 300
    prod = 60
  }
  api_records = {
    dev  = [aws_lb.api.dns_name]
    prod = [data.aws_lb.dev_api.dns_name]
  }
}

# aws_lb.dev_api lives in another workspace after the split: read it by its name.
data "aws_lb" "dev_api" {
  name = "api-dev"
}

output "workspace" {
  description = "The workspace (environment) this state belongs to."
  value       = terraform.workspace

  precondition {
    condition     = contains(["dev", "prod"], terraform.workspace)
    error_message = "This configuration is split by workspace: select one of dev, prod (terraform workspace select dev). Workspace default holds nothing since the migration."
  }
}

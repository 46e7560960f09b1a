locals {
  api_instance_type = {
    dev     = "t3.small"
    staging = "t3.medium"
    prod    = "m5.2xlarge"
  }
  api_subnet_id = {
    dev     = "subnet-0d1e2f3a4b5c6d7e8"
    staging = "subnet-0d1e2f3a4b5c6d7e8"
    prod    = "subnet-0a9b8c7d6e5f4a3b2"
  }
}

locals {
  worker_instance_type = {
    dev  = "t3.micro"
    prod = "c5.xlarge"
  }
  worker_subnet_id = {
    dev  = "subnet-0d1e2f3a4b5c6d7e8"
    prod = "subnet-0a9b8c7d6e5f4a3b2"
  }
}

locals {
  reports_instance_class = {
    dev     = "db.t3.micro"
    staging = "db.t3.medium"
    prod    = "db.r5.xlarge"
  }
  reports_allocated_storage = {
    dev     = 100
    staging = 50
    prod    = 500
  }
  reports_skip_final_snapshot = {
    dev     = true
    staging = true
    prod    = false
  }
  reports_multi_az = {
    dev     = null
    staging = null
    prod    = true
  }
  reports_final_snapshot_identifier = {
    dev     = null
    staging = null
    prod    = "reports-prod-final"
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

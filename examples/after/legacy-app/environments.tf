locals {
  web_instance_type = {
    dev     = "m5.xlarge"
    staging = "m5.xlarge"
    prod    = "m5.2xlarge"
  }
  web_tags = {
    dev = {
      Environment = "dev"
    }
    staging = {
      Environment = "staging"
    }
    prod = {
      Env        = "prod"
      CostCenter = "cc-1234"
    }
  }
  web_monitoring = {
    dev     = null
    staging = null
    prod    = true
  }
}

locals {
  postgres_instance_class = {
    dev     = "db.r5.large"
    staging = "db.r5.large"
    prod    = "db.r5.2xlarge"
  }
  postgres_allocated_storage = {
    dev     = 100
    staging = 100
    prod    = 500
  }
  postgres_password = {
    dev     = var.postgres_password
    staging = "${var.postgres_password}${var.password_suffix}"
    prod    = var.postgres_password
  }
  postgres_backup_retention_period = {
    dev     = null
    staging = null
    prod    = 1
  }
}

locals {
  web_sg_ingress = {
    dev = {
      http_from_anywhere = {
        description     = "HTTP from anywhere"
        from_port       = 80
        to_port         = 80
        protocol        = "tcp"
        cidr_blocks     = ["0.0.0.0/0"]
        security_groups = null
      }
      https_from_anywhere = {
        description     = "HTTPS from anywhere"
        from_port       = 443
        to_port         = 443
        protocol        = "tcp"
        cidr_blocks     = ["0.0.0.0/0"]
        security_groups = null
      }
      # TODO(2019): remove once the bastion is gone
      ssh_from_the_office = {
        description     = "SSH from the office"
        from_port       = 22
        to_port         = 22
        protocol        = "tcp"
        cidr_blocks     = ["203.0.113.0/24"]
        security_groups = null
      }
    }
    staging = {
      http_from_anywhere = {
        description     = "HTTP from anywhere"
        from_port       = 80
        to_port         = 80
        protocol        = "tcp"
        cidr_blocks     = ["0.0.0.0/0"]
        security_groups = null
      }
      https_from_anywhere = {
        description     = "HTTPS from anywhere"
        from_port       = 443
        to_port         = 443
        protocol        = "tcp"
        cidr_blocks     = ["0.0.0.0/0"]
        security_groups = null
      }
    }
    prod = {
      http_from_anywhere = {
        description     = "HTTP from anywhere"
        from_port       = 80
        to_port         = 80
        protocol        = "tcp"
        cidr_blocks     = ["0.0.0.0/0"]
        security_groups = null
      }
      https_from_anywhere = {
        description     = "HTTPS from anywhere"
        from_port       = 443
        to_port         = 443
        protocol        = "tcp"
        cidr_blocks     = ["0.0.0.0/0"]
        security_groups = null
      }
      health_checks_from_the_load_balancer = {
        description     = "Health checks from the load balancer"
        from_port       = 8080
        to_port         = 8080
        protocol        = "tcp"
        cidr_blocks     = null
        security_groups = ["sg-0a1b2c3d4e5f60718"]
      }
    }
  }
}

locals {
  vpc_cidr_block = {
    dev     = "10.10.0.0/16"
    staging = "10.20.0.0/16"
    prod    = "10.30.0.0/16"
  }
  vpc_tags = {
    dev = {
      Environment = "dev"
    }
    staging = {
      Environment = "staging"
    }
    prod = {
      Env = "production"
    }
  }
}

locals {
  private_a_cidr_block = {
    dev     = "10.10.1.0/24"
    staging = "10.20.1.0/24"
    prod    = "10.30.1.0/24"
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

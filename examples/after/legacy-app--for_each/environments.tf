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
  db_subnets_subnet_ids = {
    dev  = [aws_subnet.private_a["dev"].id]
    prod = [aws_subnet.private_a["prod"].id, aws_subnet.prod_private_b.id]
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
  postgres_db_subnet_group_name = {
    dev     = aws_db_subnet_group.db_subnets["dev"].name
    staging = aws_db_subnet_group.db_subnets["dev"].name
    prod    = aws_db_subnet_group.db_subnets["prod"].name
  }
  postgres_password = {
    dev     = var.dev_postgres_password
    staging = "${var.staging_postgres_password}${var.password_suffix}"
    prod    = var.prod_postgres_password
  }
  postgres_vpc_security_group_ids = {
    dev     = null
    staging = null
    prod    = [aws_security_group.prod_db_sg.id]
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

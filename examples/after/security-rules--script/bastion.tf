# The bastion: SSH from both offices, HTTPS for the VPN portal, and a metrics port someone
# opened "for a week" in 2021.
resource "aws_security_group" "bastion" {
  name        = "bastion"
  description = "Bastion host"
  vpc_id      = var.vpc_id

  dynamic "ingress" {
    for_each = local.bastion_ingress
    content {
      description      = ingress.value.description
      from_port        = ingress.value.from_port
      to_port          = ingress.value.to_port
      protocol         = ingress.value.protocol
      cidr_blocks      = ingress.value.cidr_blocks
      ipv6_cidr_blocks = ingress.value.ipv6_cidr_blocks
    }
  }

  dynamic "egress" {
    for_each = local.bastion_egress
    content {
      from_port       = egress.value.from_port
      to_port         = egress.value.to_port
      protocol        = egress.value.protocol
      cidr_blocks     = egress.value.cidr_blocks
      description     = egress.value.description
      security_groups = egress.value.security_groups
    }
  }

  tags = {
    Name = "bastion"
  }
}

locals {
  bastion_ingress = {
    # Office VPN, both sites
    ssh_from_the_office = {
      description = "SSH from the office"
      from_port   = 22
      to_port     = 22
      protocol    = "tcp"
      cidr_blocks = [
        "203.0.113.0/24",  # Berlin
        "198.51.100.0/24", # Lisbon
      ]
      ipv6_cidr_blocks = null
    }
    tcp_443 = {
      description      = null
      from_port        = 443
      to_port          = 443
      protocol         = "tcp"
      cidr_blocks      = ["0.0.0.0/0"]
      ipv6_cidr_blocks = ["::/0"]
    }
    node_exporter = {
      description      = "Node exporter"
      from_port        = 9100
      to_port          = 9100
      protocol         = "tcp"
      cidr_blocks      = ["0.0.0.0/0"] # temporary
      ipv6_cidr_blocks = null
    }
  }
}

locals {
  bastion_egress = {
    all_traffic = {
      from_port       = 0
      to_port         = 0
      protocol        = "-1"
      cidr_blocks     = ["0.0.0.0/0"]
      description     = null
      security_groups = null
    }
    postgres = {
      from_port       = 5432
      to_port         = 5432
      protocol        = "tcp"
      cidr_blocks     = null
      description     = "Postgres"
      security_groups = [aws_security_group.db.id]
    }
  }
}

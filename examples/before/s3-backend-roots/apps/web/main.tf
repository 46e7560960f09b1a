terraform {
  required_version = "~> 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }

  # State lives on the shared NFS mount (see the ops wiki).
  backend "local" {
    path = "../../state/web.tfstate"
  }
}

provider "aws" {
  region = "eu-west-1"
}

module "network" {
  source = "../../modules/network"

  cidr_block = "10.40.0.0/16"
  name       = "web"
}

resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = module.network.public_subnet_ids
}

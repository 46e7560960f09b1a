provider "aws" {
  region = "eu-west-1"
}

module "network" {
  source = "../../modules/network"

  cidr_block = "10.50.0.0/16"
  name       = "api"
}

resource "aws_ecs_cluster" "api" {
  name = "api"
}

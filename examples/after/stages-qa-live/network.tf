# Each stage has its own network, built from the shared module.
module "network" {
  source = "./modules/network"

  name       = "shop-${terraform.workspace}"
  cidr_block = local.network_cidr_block[terraform.workspace]
  az_count   = local.network_az_count[terraform.workspace]
}

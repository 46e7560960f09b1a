# Each stage has its own network, built from the shared module.
module "network_qa" {
  source = "./modules/network"

  name       = "shop-qa"
  cidr_block = "10.50.0.0/16"
  az_count   = 2
}

module "network_live" {
  source = "./modules/network"

  name       = "shop-live"
  cidr_block = "10.60.0.0/16"
  az_count   = 3
}

# Each stage has its own network, built from the shared module.
module "network" {
  for_each = toset(["qa", "live"])

  source = "./modules/network"

  name       = "shop-${each.key}"
  cidr_block = local.network_cidr_block[each.key]
  az_count   = local.network_az_count[each.key]
}

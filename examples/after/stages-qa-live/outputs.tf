output "vpc_id" {
  value = module.network.vpc_id
}

output "app_private_ips" {
  value = terraform.workspace == "live" ? aws_instance.app[*].private_ip : null
}

output "orders_endpoint" {
  value = terraform.workspace == "live" ? aws_db_instance.orders_live[0].endpoint : null
}

output "qa_vpc_id" {
  value = module.network["qa"].vpc_id
}

output "live_vpc_id" {
  value = module.network["live"].vpc_id
}

output "live_app_private_ips" {
  value = aws_instance.app_live[*].private_ip
}

output "live_orders_endpoint" {
  value = aws_db_instance.orders_live.endpoint
}

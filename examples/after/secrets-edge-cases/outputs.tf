output "db_url" {
  description = "Connection string for the billing database"
  value       = local.db_url
  sensitive   = true
}

output "stripe_webhook_secret" {
  value     = local.stripe_webhook_secret
  sensitive = true
}

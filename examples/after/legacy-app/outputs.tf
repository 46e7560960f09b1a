output "vpc_id" {
  value = aws_vpc.vpc.id
}

output "db_endpoint" {
  value = terraform.workspace == "prod" ? aws_db_instance.postgres.endpoint : null
}

# Used by the old deploy script; do not rename.
output "db_password" {
  value       = terraform.workspace == "prod" ? aws_db_instance.postgres.password : null
  sensitive   = true
  description = "Password of the production database"
}

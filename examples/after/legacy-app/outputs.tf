output "dev_vpc_id" {
  value = aws_vpc.dev_vpc.id
}

output "staging_vpc_id" {
  value = aws_vpc.staging_vpc.id
}

output "prod_vpc_id" {
  value = aws_vpc.prod_vpc.id
}

output "prod_db_endpoint" {
  value = aws_db_instance.prod_postgres.endpoint
}

# Used by the old deploy script; do not rename.
output "prod_db_password" {
  value       = aws_db_instance.prod_postgres.password
  sensitive   = true
  description = "Password of the production database"
}

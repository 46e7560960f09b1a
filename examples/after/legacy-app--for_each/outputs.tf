output "dev_vpc_id" {
  value = aws_vpc.vpc["dev"].id
}

output "staging_vpc_id" {
  value = aws_vpc.vpc["staging"].id
}

output "prod_vpc_id" {
  value = aws_vpc.vpc["prod"].id
}

output "prod_db_endpoint" {
  value = aws_db_instance.postgres["prod"].endpoint
}

# Used by the old deploy script; do not rename.
output "prod_db_password" {
  value       = aws_db_instance.postgres["prod"].password
  sensitive   = true
  description = "Password of the production database"
}

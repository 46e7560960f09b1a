# provider aws.dr.access_key: was committed to version control; rotate it
aws_dr_access_key = "AKIAIOSFODNN7EXAMPLE"

# provider aws.dr.secret_key: was committed to version control; rotate it
aws_dr_secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

# aws_db_instance.dev_postgres.password: was committed to version control; rotate it
dev_postgres_password = "dev-Passw0rd!"

# aws_db_instance.staging_postgres.password: was committed to version control; rotate it
staging_postgres_password = "St4ging-"

# aws_db_instance.prod_postgres.password: was committed to version control; rotate it
prod_postgres_password = "Pr0d-S3cret-2019"

# aws_ssm_parameter.stripe_key.value: was committed to version control; rotate it
stripe_key_value = "sk_live_51H8example0000000000000000"

# variable datadog_api_key (default): was committed to version control; rotate it
datadog_api_key = "0123456789abcdef0123456789abcdef"

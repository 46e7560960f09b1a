# postgres_password for workspace prod (was prod_postgres_password); rotate it if it was ever committed
postgres_password = "Pr0d-S3cret-2019"

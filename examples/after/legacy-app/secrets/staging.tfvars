# postgres_password for workspace staging (was staging_postgres_password); rotate it if it was ever committed
postgres_password = "St4ging-"

# postgres_password for workspace dev (was dev_postgres_password); rotate it if it was ever committed
postgres_password = "dev-Passw0rd!"

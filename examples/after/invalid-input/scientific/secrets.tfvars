# aws_db_instance.metrics.password: was committed to version control; rotate it
metrics_password = "m3trics-passw0rd"

# aws_db_instance.app.password: was committed to version control; rotate it
app_password = "mot-de-passe-très-secret-✓"

# aws_db_instance.queue.password: was committed to version control; rotate it
queue_password = "qu3ue-passw0rd"

resource "aws_db_instance" "queue" {
  identifier = "queue"
  username   = "queue"
  password   = var.queue_password
}

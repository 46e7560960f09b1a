resource "aws_db_instance" "queue" {
  identifier = "queue"
  username   = "queue"
  password   = "qu3ue-passw0rd"
}

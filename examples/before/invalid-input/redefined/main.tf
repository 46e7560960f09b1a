resource "aws_db_instance" "twice" {
  identifier = "twice"
  password   = "tw1ce-passw0rd"
  password   = "tw1ce-passw0rd-again"
}

resource "aws_db_instance" "broken" {
  identifier = "broken"
  password   = "br0ken-passw0rd"

resource "aws_s3_bucket" "b" {
  bucket = "acme-broken"
}

resource "aws_db_instance" "latin" {
  # Café database, owned by François
  password = "lat1n-passw0rd"
}

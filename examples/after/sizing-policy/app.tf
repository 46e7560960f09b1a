# Reporting API: one server per environment. Every environment was cloned from prod in 2021
# and nobody sized dev and staging down since.
resource "aws_instance" "api" {
  ami           = "ami-0c1c30571d2dae5c9"
  instance_type = local.api_instance_type[terraform.workspace]
  subnet_id     = local.api_subnet_id[terraform.workspace]

  tags = {
    Name        = "reports-api-${terraform.workspace}"
    Environment = terraform.workspace
  }
}

# The batch worker already runs small outside prod.
resource "aws_instance" "worker" {
  count = contains(["dev", "prod"], terraform.workspace) ? 1 : 0

  ami           = "ami-0c1c30571d2dae5c9"
  instance_type = local.worker_instance_type[terraform.workspace]
  subnet_id     = local.worker_subnet_id[terraform.workspace]
}

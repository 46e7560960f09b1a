# Reporting API: one server per environment. Every environment was cloned from prod in 2021
# and nobody sized dev and staging down since.
resource "aws_instance" "dev_api" {
  ami           = "ami-0c1c30571d2dae5c9"
  instance_type = "m5.xlarge"
  subnet_id     = "subnet-0d1e2f3a4b5c6d7e8"

  tags = {
    Name        = "reports-api-dev"
    Environment = "dev"
  }
}

resource "aws_instance" "staging_api" {
  ami           = "ami-0c1c30571d2dae5c9"
  instance_type = "m5.xlarge"
  subnet_id     = "subnet-0d1e2f3a4b5c6d7e8"

  tags = {
    Name        = "reports-api-staging"
    Environment = "staging"
  }
}

resource "aws_instance" "prod_api" {
  ami           = "ami-0c1c30571d2dae5c9"
  instance_type = "m5.2xlarge" # sized for the month-end batch
  subnet_id     = "subnet-0a9b8c7d6e5f4a3b2"

  tags = {
    Name        = "reports-api-prod"
    Environment = "prod"
  }
}

# The batch worker already runs small outside prod.
resource "aws_instance" "dev_worker" {
  ami           = "ami-0c1c30571d2dae5c9"
  instance_type = "t3.micro"
  subnet_id     = "subnet-0d1e2f3a4b5c6d7e8"
}

resource "aws_instance" "prod_worker" {
  ami           = "ami-0c1c30571d2dae5c9"
  instance_type = "c5.xlarge"
  subnet_id     = "subnet-0a9b8c7d6e5f4a3b2"
}

data "aws_ami" "ubuntu" {
  most_recent = true
  owners      = ["099720109477"]

  filter {
    name   = "name"
    values = ["ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*"]
  }
}

resource "aws_instance" "dev_web" {
  ami                    = data.aws_ami.ubuntu.id
  instance_type          = "m5.xlarge"
  subnet_id              = aws_subnet.dev_private_a.id
  vpc_security_group_ids = [aws_security_group.dev_web_sg.id]

  user_data = <<-EOT
    #!/bin/bash
    echo "DATABASE_URL=postgres://app@${aws_db_instance.dev_postgres.address}/app" >> /etc/environment
  EOT

  tags = {
    Name        = "dev-web"
    Environment = "dev"
  }
}

resource "aws_instance" "staging_web" {
  ami                    = data.aws_ami.ubuntu.id
  instance_type          = "m5.xlarge"
  subnet_id              = aws_subnet.staging_private_a.id
  vpc_security_group_ids = [aws_security_group.staging_web_sg.id]

  user_data = <<-EOT
    #!/bin/bash
    echo "DATABASE_URL=postgres://app@${aws_db_instance.staging_postgres.address}/app" >> /etc/environment
  EOT

  tags = {
    Name        = "staging-web"
    Environment = "staging"
  }
}

resource "aws_instance" "prod_web" {
  ami                    = data.aws_ami.ubuntu.id
  instance_type          = "m5.2xlarge"
  subnet_id              = aws_subnet.prod_private_a.id
  vpc_security_group_ids = [aws_security_group.prod_web_sg.id]
  monitoring             = true

  user_data = <<-EOT
    #!/bin/bash
    echo "DATABASE_URL=postgres://app@${aws_db_instance.prod_postgres.address}/app" >> /etc/environment
  EOT

  tags = {
    Name       = "prod-web"
    Env        = "prod"
    CostCenter = "cc-1234"
  }
}

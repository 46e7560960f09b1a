data "aws_ami" "ubuntu" {
  most_recent = true
  owners      = ["099720109477"]

  filter {
    name   = "name"
    values = ["ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*"]
  }
}

resource "aws_instance" "web" {
  ami                    = data.aws_ami.ubuntu.id
  instance_type          = local.web_instance_type[terraform.workspace]
  subnet_id              = aws_subnet.private_a.id
  vpc_security_group_ids = [aws_security_group.web_sg.id]

  user_data = <<-EOT
    #!/bin/bash
    echo "DATABASE_URL=postgres://app@${aws_db_instance.postgres.address}/app" >> /etc/environment
  EOT

  tags = merge({
    Name = "${terraform.workspace}-web"
  }, local.web_tags[terraform.workspace])
  monitoring = local.web_monitoring[terraform.workspace]
}


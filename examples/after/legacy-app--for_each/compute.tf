data "aws_ami" "ubuntu" {
  most_recent = true
  owners      = ["099720109477"]

  filter {
    name   = "name"
    values = ["ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*"]
  }
}

resource "aws_instance" "web" {
  for_each = toset(["dev", "staging", "prod"])

  ami                    = data.aws_ami.ubuntu.id
  instance_type          = local.web_instance_type[each.key]
  subnet_id              = aws_subnet.private_a[each.key].id
  vpc_security_group_ids = [aws_security_group.web_sg[each.key].id]

  user_data = <<-EOT
    #!/bin/bash
    echo "DATABASE_URL=postgres://app@${aws_db_instance.postgres[each.key].address}/app" >> /etc/environment
  EOT

  tags = merge({
    Name = "${each.key}-web"
  }, local.web_tags[each.key])
  monitoring = local.web_monitoring[each.key]
}


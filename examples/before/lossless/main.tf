# Écrit à la main — ne pas reformater. 🚧
provider "aws" {
	region = "eu-west-3"
}

provider "aws" {
	alias  = "paris"
	region = "eu-west-3" # Paris, comme le défaut
}

resource "aws_instance" "app" {
	provider      = aws.paris
	ami           = "ami-0abcdef1234567890"
	instance_type = "t3.micro"

	user_data = <<-EOT
		#!/bin/sh
		echo "démarrage ${var.mode}" > /tmp/état
	EOT
}

resource "aws_db_instance" "app" {
	identifier = "app"
	username   = "applicatif"
	password   = "mot-de-passe-très-secret-✓" # à changer
}

variable "mode" {
	default = "prod"
}

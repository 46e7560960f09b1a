# Écrit à la main — ne pas reformater. 🚧
provider "aws" {
	region = "eu-west-3"
}

resource "aws_instance" "app" {
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
	password   = var.app_password # à changer
}

variable "mode" {
	default = "prod"
}

variable "app_password" {
  description = "Was hardcoded as aws_db_instance.app.password; set it in secrets.tfvars or TF_VAR_app_password"
  type        = string
  sensitive   = true
}

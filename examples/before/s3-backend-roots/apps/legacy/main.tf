terraform {
  backend "s3" {
    bucket         = "acme-terraform-state"
    key            = "apps/legacy/terraform.tfstate"
    region         = "eu-west-1"
    dynamodb_table = "terraform-locks"
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_sqs_queue" "jobs" {
  name = "legacy-jobs"
}

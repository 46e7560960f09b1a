terraform {
  required_version = ">= 1.10"

  backend "s3" {
    key                  = "apps/api/terraform.tfstate"
    workspace_key_prefix = "env"
    encrypt              = true
    use_lockfile         = true
  }
}

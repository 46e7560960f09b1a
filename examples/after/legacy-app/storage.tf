# Build artifacts, shared by every environment.
resource "aws_s3_bucket" "artifacts" {
  # Shared by every environment: kept in workspace prod.
  count = terraform.workspace == "prod" ? 1 : 0

  bucket = "acme-legacy-app-artifacts"

  tags = {
    Team = "platform"
  }
}

resource "aws_s3_bucket" "artifacts_dr" {
  # Shared by every environment: kept in workspace prod.
  count = terraform.workspace == "prod" ? 1 : 0

  provider = aws.dr
  bucket   = "acme-legacy-app-artifacts-dr"
}

resource "aws_ssm_parameter" "stripe_key" {
  # Shared by every environment: kept in workspace prod.
  count = terraform.workspace == "prod" ? 1 : 0

  name  = "/legacy-app/stripe/secret-key"
  type  = "SecureString"
  value = var.stripe_key_value
}

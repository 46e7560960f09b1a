# Build artifacts, shared by every environment.
resource "aws_s3_bucket" "artifacts" {
  bucket = "acme-legacy-app-artifacts"

  tags = {
    Team = "platform"
  }
}

resource "aws_s3_bucket" "artifacts_dr" {
  provider = aws.dr
  bucket   = "acme-legacy-app-artifacts-dr"
}

resource "aws_ssm_parameter" "stripe_key" {
  name  = "/legacy-app/stripe/secret-key"
  type  = "SecureString"
  value = var.stripe_key_value
}

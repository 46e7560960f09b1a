# Build artifacts, shared by every environment.
resource "aws_s3_bucket" "artifacts" {
  provider = aws.use1
  bucket   = "acme-legacy-app-artifacts"

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
  value = "sk_live_51H8example0000000000000000"
}

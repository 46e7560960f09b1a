# Default provider: everything lives in us-east-1.
provider "aws" {
  region = "us-east-1"
}

# Disaster-recovery copies of the artifacts bucket. This one really is another region.
provider "aws" {
  alias  = "dr"
  region = "us-west-2"

  # The CI user's keys, pasted here when the DR account was set up.
  access_key = var.aws_dr_access_key
  secret_key = var.aws_dr_secret_key
}

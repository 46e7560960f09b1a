# Default provider: everything lives in us-east-1.
provider "aws" {
  region = "us-east-1"
}

# Added in 2021 for the "primary" region migration that never happened.
provider "aws" {
  alias  = "primary"
  region = "us-east-1"
}

provider "aws" {
  alias  = "use1"
  region = "us-east-1" # same as default, kept "just in case"
}

# Disaster-recovery copies of the artifacts bucket. This one really is another region.
provider "aws" {
  alias  = "dr"
  region = "us-west-2"

  # The CI user's keys, pasted here when the DR account was set up.
  access_key = "AKIAIOSFODNN7EXAMPLE"
  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
}

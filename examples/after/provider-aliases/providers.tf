provider "aws" {
  region = "eu-west-1"

  default_tags {
    tags = {
      ManagedBy = "terraform"
    }
  }
}

# Looks like the default provider, but its tags differ: a different configuration.
provider "aws" {
  alias  = "untagged"
  region = "eu-west-1"
}

provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
}

provider "aws" {
  alias  = "security"
  region = "eu-west-1"

  assume_role {
    role_arn = "arn:aws:iam::222222222222:role/terraform"
  }

  default_tags {
    tags = {
      ManagedBy = "terraform"
    }
  }
}

# Pinned on purpose while the endpoint override is tested.
# tfcodemod:ignore dedupe-providers
provider "aws" {
  alias  = "dublin"
  region = "eu-west-1"

  default_tags {
    tags = {
      ManagedBy = "terraform"
    }
  }
}

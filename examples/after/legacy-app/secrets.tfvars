# provider aws.dr.access_key: was committed to version control; rotate it
aws_dr_access_key = "AKIAIOSFODNN7EXAMPLE"

# provider aws.dr.secret_key: was committed to version control; rotate it
aws_dr_secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

# aws_ssm_parameter.stripe_key.value: was committed to version control; rotate it
stripe_key_value = "sk_live_51H8example0000000000000000"

# variable datadog_api_key (default): was committed to version control; rotate it
datadog_api_key = "0123456789abcdef0123456789abcdef"

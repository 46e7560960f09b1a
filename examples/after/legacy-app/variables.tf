variable "password_suffix" {
  description = "Suffix appended to the staging database password"
  type        = string
  default     = "2020"
}

variable "datadog_api_key" {
  description = "Datadog API key for the agents"
  type        = string
  sensitive   = true
}

variable "aws_dr_access_key" {
  description = "Was hardcoded as provider aws.dr.access_key; set it in secrets.tfvars or TF_VAR_aws_dr_access_key"
  type        = string
  sensitive   = true
}

variable "aws_dr_secret_key" {
  description = "Was hardcoded as provider aws.dr.secret_key; set it in secrets.tfvars or TF_VAR_aws_dr_secret_key"
  type        = string
  sensitive   = true
}

variable "postgres_password" {
  description = "Per workspace, from secrets/<workspace>.tfvars (was dev_postgres_password, staging_postgres_password, prod_postgres_password)"
  type        = string
  sensitive   = true
}

variable "stripe_key_value" {
  description = "Was hardcoded as aws_ssm_parameter.stripe_key.value; set it in secrets.tfvars or TF_VAR_stripe_key_value"
  type        = string
  sensitive   = true
}

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

variable "dev_postgres_password" {
  description = "Was hardcoded as aws_db_instance.dev_postgres.password; set it in secrets.tfvars or TF_VAR_dev_postgres_password"
  type        = string
  sensitive   = true
}

variable "staging_postgres_password" {
  description = "Was hardcoded as aws_db_instance.staging_postgres.password; set it in secrets.tfvars or TF_VAR_staging_postgres_password"
  type        = string
  sensitive   = true
}

variable "prod_postgres_password" {
  description = "Was hardcoded as aws_db_instance.prod_postgres.password; set it in secrets.tfvars or TF_VAR_prod_postgres_password"
  type        = string
  sensitive   = true
}

variable "stripe_key_value" {
  description = "Was hardcoded as aws_ssm_parameter.stripe_key.value; set it in secrets.tfvars or TF_VAR_stripe_key_value"
  type        = string
  sensitive   = true
}

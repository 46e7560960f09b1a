variable "metrics_password" {
  description = "Was hardcoded as aws_db_instance.metrics.password; set it in secrets.tfvars or TF_VAR_metrics_password"
  type        = string
  sensitive   = true
}

variable "queue_password" {
  description = "Was hardcoded as aws_db_instance.queue.password; set it in secrets.tfvars or TF_VAR_queue_password"
  type        = string
  sensitive   = true
}

variable "password_suffix" {
  description = "Suffix appended to the staging database password"
  type        = string
  default     = "2020"
}

variable "datadog_api_key" {
  description = "Datadog API key for the agents"
  type        = string
  default     = "0123456789abcdef0123456789abcdef"
}

resource "aws_cloudwatch_metric_alarm" "bytes" {
  alarm_name          = "too-many-bytes"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  metric_name         = "BytesOut"
  namespace           = "AWS/EC2"
  period              = 300
  statistic           = "Sum"
  threshold           = 5e9
}

resource "aws_db_instance" "metrics" {
  identifier = "metrics"
  password   = var.metrics_password
}

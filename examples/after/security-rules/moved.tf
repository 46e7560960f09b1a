moved {
  from = aws_security_group_rule.lb_http
  to   = aws_security_group_rule.lb["http"]
}

moved {
  from = aws_security_group_rule.lb_https
  to   = aws_security_group_rule.lb["https"]
}

moved {
  from = aws_security_group_rule.lb_health
  to   = aws_security_group_rule.lb["health"]
}

moved {
  from = aws_security_group_rule.lb_to_app
  to   = aws_security_group_rule.lb["to_app"]
}

moved {
  from = aws_security_group_rule.lb_http
  to   = aws_security_group_rule.lb["http"]
}

moved {
  from = aws_security_group_rule.lb_https
  to   = aws_security_group_rule.lb["https"]
}

moved {
  from = aws_security_group_rule.lb_qa_http
  to   = aws_security_group_rule.lb_qa["http"]
}

moved {
  from = aws_security_group_rule.lb_qa_https
  to   = aws_security_group_rule.lb_qa["https"]
}

moved {
  from = aws_security_group_rule.lb_live_http
  to   = aws_security_group_rule.lb_live["http"]
}

moved {
  from = aws_security_group_rule.lb_live_https
  to   = aws_security_group_rule.lb_live["https"]
}

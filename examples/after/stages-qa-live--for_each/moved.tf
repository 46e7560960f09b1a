moved {
  from = aws_security_group.lb_qa_http
  to   = aws_security_group.lb_http["qa"]
}

moved {
  from = aws_security_group.lb_live_http
  to   = aws_security_group.lb_http["live"]
}

moved {
  from = module.network_qa
  to   = module.network["qa"]
}

moved {
  from = module.network_live
  to   = module.network["live"]
}

moved {
  from = aws_instance.dev_web
  to   = aws_instance.web["dev"]
}

moved {
  from = aws_instance.staging_web
  to   = aws_instance.web["staging"]
}

moved {
  from = aws_instance.prod_web
  to   = aws_instance.web["prod"]
}

moved {
  from = aws_db_subnet_group.dev_db_subnets
  to   = aws_db_subnet_group.db_subnets["dev"]
}

moved {
  from = aws_db_subnet_group.prod_db_subnets
  to   = aws_db_subnet_group.db_subnets["prod"]
}

moved {
  from = aws_db_instance.dev_postgres
  to   = aws_db_instance.postgres["dev"]
}

moved {
  from = aws_db_instance.staging_postgres
  to   = aws_db_instance.postgres["staging"]
}

moved {
  from = aws_db_instance.prod_postgres
  to   = aws_db_instance.postgres["prod"]
}

moved {
  from = aws_security_group.dev_web_sg
  to   = aws_security_group.web_sg["dev"]
}

moved {
  from = aws_security_group.staging_web_sg
  to   = aws_security_group.web_sg["staging"]
}

moved {
  from = aws_security_group.prod_web_sg
  to   = aws_security_group.web_sg["prod"]
}

moved {
  from = aws_vpc.dev_vpc
  to   = aws_vpc.vpc["dev"]
}

moved {
  from = aws_vpc.staging_vpc
  to   = aws_vpc.vpc["staging"]
}

moved {
  from = aws_vpc.prod_vpc
  to   = aws_vpc.vpc["prod"]
}

moved {
  from = aws_subnet.dev_private_a
  to   = aws_subnet.private_a["dev"]
}

moved {
  from = aws_subnet.staging_private_a
  to   = aws_subnet.private_a["staging"]
}

moved {
  from = aws_subnet.prod_private_a
  to   = aws_subnet.private_a["prod"]
}

# local.stripe_webhook_secret: was committed to version control; rotate it
stripe_webhook_secret = "whsec_temporary_0001"

# aws_db_instance.billing.password: was committed to version control; rotate it
billing_password = "B!ll1ng-\"quoted\"-$${not-a-template}"

# aws_elasticache_replication_group.sessions.auth_token: was committed to version control; rotate it
sessions_auth_token_part1 = "redis-"

# aws_elasticache_replication_group.sessions.auth_token: was committed to version control; rotate it
sessions_auth_token_part2 = "-t0ken-2022"

# aws_iam_server_certificate.legacy.private_key: was committed to version control; rotate it
legacy_private_key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAuExampleExampleExampleExampleExample\n-----END RSA PRIVATE KEY-----\n"

# aws_mq_broker.events.user.password: was committed to version control; rotate it
events_user_password = "mq-events-passw0rd"

# aws_lambda_function.notifier.environment.variables["SLACK_TOKEN"]: was committed to version control; rotate it
notifier_environment_variables_slack_token = "xoxb-0000-example"

# module.reporting.db_password: was committed to version control; rotate it
reporting_db_password = "reporting-ro-pw"

# slack_webhook_value for workspace staging (was staging_slack_webhook_value); rotate it if it was ever committed
slack_webhook_value = "https://hooks.slack.com/services/T0ACME/B0STG/3xampleStgW3bhook"

# slack_webhook_value for workspace dev (was dev_slack_webhook_value); rotate it if it was ever committed
slack_webhook_value = "https://hooks.slack.com/services/T0ACME/B0DEV/3xampleDevW3bhook"

# slack_webhook_value for workspace prod (was prod_slack_webhook_value); rotate it if it was ever committed
slack_webhook_value = "https://hooks.slack.com/services/T0ACME/B0PRD/3xamplePrdW3bhook"

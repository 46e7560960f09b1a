# Billing service: one copy per environment, tagged by hand (and not always).
resource "aws_sqs_queue" "dev_invoices" {
  name                       = "dev-billing-invoices"
  visibility_timeout_seconds = 60

  tags = {
    Environment = "dev"
    Team        = "billing"
  }
}

resource "aws_sqs_queue" "prod_invoices" {
  name                       = "prod-billing-invoices"
  visibility_timeout_seconds = 300

  tags = {
    Environment = "prod"
    Team        = "billing"
  }
}

resource "aws_cloudwatch_log_group" "dev_worker" {
  name              = "/billing/dev/worker"
  retention_in_days = 7
}

resource "aws_cloudwatch_log_group" "prod_worker" {
  name              = "/billing/prod/worker"
  retention_in_days = 90
}

resource "aws_iam_role" "dev_worker" {
  name               = "dev-billing-worker"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role" "prod_worker" {
  name               = "prod-billing-worker"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

# Attachments take no tags.
resource "aws_iam_role_policy_attachment" "dev_worker_sqs" {
  role       = aws_iam_role.dev_worker.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSQSFullAccess"
}

resource "aws_iam_role_policy_attachment" "prod_worker_sqs" {
  role       = aws_iam_role.prod_worker.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSQSFullAccess"
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

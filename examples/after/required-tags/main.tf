# Billing service: one copy per environment, tagged by hand (and not always).
resource "aws_sqs_queue" "invoices" {
  name                       = "${terraform.workspace}-billing-invoices"
  visibility_timeout_seconds = local.invoices_visibility_timeout_seconds[terraform.workspace]

  tags = merge(local.common_tags, {
    Team = "billing"
  })
}

resource "aws_cloudwatch_log_group" "worker" {
  name              = "/billing/${terraform.workspace}/worker"
  retention_in_days = local.worker_retention_in_days[terraform.workspace]

  tags = local.common_tags
}

resource "aws_iam_role" "worker" {
  name               = "${terraform.workspace}-billing-worker"
  assume_role_policy = data.aws_iam_policy_document.assume.json

  tags = local.common_tags
}

# Attachments take no tags.
resource "aws_iam_role_policy_attachment" "worker_sqs" {
  role       = aws_iam_role.worker.name
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

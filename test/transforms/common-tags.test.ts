import { describe, expect, it } from 'vitest';
import { assertCodemod, runTransforms } from '../helpers.js';

const only = { transforms: ['common-tags'] };

describe('common-tags', () => {
  it('moves the pairs every tagged resource repeats into local.common_tags; each resource keeps exactly its tags', async () => {
    await assertCodemod(
      {
        'main.tf': `resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"

  tags = {
    Name      = "logs"
    Team      = "platform"
    ManagedBy = "terraform"
  }
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
  tags = {
    Team        = "platform"
    ManagedBy   = "terraform"
    "cost:area" = "batch"
  }
}

resource "aws_iam_role" "ci" {
  name               = "ci"
  assume_role_policy = "{}"

  tags = {
    ManagedBy = "terraform"
    Team      = "platform"
  }
}
`,
      },
      {
        'main.tf': `resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"

  tags = merge(local.common_tags, {
    Name = "logs"
  })
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
  tags = merge(local.common_tags, {
    "cost:area" = "batch"
  })
}

resource "aws_iam_role" "ci" {
  name               = "ci"
  assume_role_policy = "{}"

  tags = local.common_tags
}
`,
        'locals.tf': `locals {
  common_tags = {
    Team      = "platform"
    ManagedBy = "terraform"
  }
}
`,
      },
      only,
    );
  });

  it('changes nothing when tags are already consistent through a local, differ, or cannot be compared', async () => {
    const consistent = 'locals {\n  tags = { Team = "platform" }\n}\n\nresource "a" "x" {\n  tags = local.tags\n}\n\nresource "a" "y" {\n  tags = merge(local.tags, { Name = "y" })\n}\n';
    expect((await runTransforms({ 'main.tf': consistent }, only)).outputs.size).toBe(0);
    const differ = 'resource "a" "x" {\n  tags = { Team = "a" }\n}\n\nresource "a" "y" {\n  tags = { Team = "b" }\n}\n';
    expect((await runTransforms({ 'main.tf': differ }, only)).outputs.size).toBe(0);
    const commented = 'resource "a" "x" {\n  tags = {\n    Team = "a" # owner\n  }\n}\n\nresource "a" "y" {\n  tags = { Team = "a" }\n}\n';
    expect((await runTransforms({ 'main.tf': commented }, only)).outputs.size).toBe(0);
    const computed = 'resource "a" "x" {\n  tags = { (var.k) = "a", Team = "a" }\n}\n\nresource "a" "y" {\n  tags = { Team = "a" }\n}\n';
    expect((await runTransforms({ 'main.tf': computed }, only)).outputs.size).toBe(0);
  });

  it('reports keys and environment names written several ways', async () => {
    const run = await runTransforms(
      {
        'main.tf': 'resource "a" "x" {\n  tags = { Env = "prod" }\n}\n\nresource "a" "y" {\n  tags = merge(var.tags, { Environment = "production" })\n}\n\nresource "a" "z" {\n  tags = { environment = "production", Team = "a" }\n}\n',
      },
      only,
    );
    expect(run.findings.filter((f) => f.severity === 'warning').map((f) => f.message)).toEqual([
      // Literal maps only: the one inside merge() is not read.
      'tags use Env, environment for the same thing: pick one key',
      'the environment tag is written "prod", "production" for the same environment: pick one',
    ]);
  });
});

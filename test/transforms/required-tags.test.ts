import { describe, expect, it } from 'vitest';
import type { ModuleRun } from '../../src/engine/runner.js';
import { assertCodemod, runTransforms, transformById } from '../helpers.js';

const values = { Project: 'billing', Owner: 'payments', CostCenter: 'cc-2090' };
const only = (options: Record<string, unknown> = {}, transforms = ['required-tags']) => ({ transforms, options: { 'required-tags': { values, ...options } } });
const warnings = (run: ModuleRun): string[] => run.findings.filter((f) => f.severity === 'warning').map((f) => f.message);

describe('required-tags', () => {
  it('adds the missing keys to literal tags (a commented one keeps its lines), gives taggable resources without tags a map, and leaves what takes no tags', async () => {
    const run = await assertCodemod(
      {
        'main.tf': `resource "aws_s3_bucket" "exports" {
  bucket = "acme-exports"

  tags = {
    Name      = "exports"
    ManagedBy = "terraform" # lower case, and kept
  }
}

resource "aws_iam_role" "ci" {
  name               = "ci"
  assume_role_policy = "{}"
}

resource "aws_s3_bucket_public_access_block" "exports" {
  bucket = aws_s3_bucket.exports.id

  block_public_acls = true
}
`,
      },
      {
        'main.tf': `resource "aws_s3_bucket" "exports" {
  bucket = "acme-exports"

  tags = {
    Name      = "exports"
    ManagedBy = "terraform" # lower case, and kept

    Project    = "billing"
    Owner      = "payments"
    CostCenter = "cc-2090"
  }
}

resource "aws_iam_role" "ci" {
  name               = "ci"
  assume_role_policy = "{}"

  tags = {
    Project    = "billing"
    Owner      = "payments"
    CostCenter = "cc-2090"
    ManagedBy  = "Terraform"
  }
}

resource "aws_s3_bucket_public_access_block" "exports" {
  bucket = aws_s3_bucket.exports.id

  block_public_acls = true
}
`,
      },
      only(),
    );
    const change = run.records.find((r) => r.status === 'applied')!.change;
    expect(change.kind).toBe('behaviour');
    expect(change.title).toBe('Add the required tags Project, Owner, CostCenter, ManagedBy to 2 resources');
    expect(change.effects).toEqual([
      { workspace: 'default', address: 'aws_s3_bucket.exports', path: 'tags', action: 'update-in-place' },
      { workspace: 'default', address: 'aws_iam_role.ci', path: 'tags', action: 'update-in-place' },
    ]);
    // Environment: nothing says which environment this module is.
    expect(warnings(run)).toEqual([expect.stringContaining('required tag Environment not added: no value')]);
  });

  it('rewrites an uncommented literal in place, aligned as terraform fmt does; Environment from a per-environment name', async () => {
    await assertCodemod(
      {
        'main.tf': `resource "aws_sqs_queue" "prod_jobs" {
  name = "prod-jobs"
  tags = {
    Name = "jobs"
  }
}
`,
      },
      {
        'main.tf': `resource "aws_sqs_queue" "prod_jobs" {
  name = "prod-jobs"
  tags = {
    Name        = "jobs"
    Project     = "billing"
    Environment = "prod"
    Owner       = "payments"
    CostCenter  = "cc-2090"
    ManagedBy   = "Terraform"
  }
}
`,
      },
      only(),
    );
  });

  it('in a module merged by workspace, Environment is terraform.workspace and each workspace is an effect; each.key for a for_each over environments', async () => {
    const run = await assertCodemod(
      {
        'main.tf': `resource "aws_sqs_queue" "jobs" {
  name = "\${terraform.workspace}-jobs"
}

resource "aws_sns_topic" "alerts" {
  for_each = toset(["dev", "prod"])

  name = "\${each.key}-alerts"
}

output "workspace" {
  value = terraform.workspace

  precondition {
    condition     = contains(["dev", "prod"], terraform.workspace)
    error_message = "Select dev or prod."
  }
}
`,
      },
      {
        'main.tf': `resource "aws_sqs_queue" "jobs" {
  name = "\${terraform.workspace}-jobs"

  tags = {
    Environment = terraform.workspace
    ManagedBy   = "Terraform"
  }
}

resource "aws_sns_topic" "alerts" {
  for_each = toset(["dev", "prod"])

  name = "\${each.key}-alerts"

  tags = {
    Environment = each.key
    ManagedBy   = "Terraform"
  }
}

output "workspace" {
  value = terraform.workspace

  precondition {
    condition     = contains(["dev", "prod"], terraform.workspace)
    error_message = "Select dev or prod."
  }
}
`,
      },
      { transforms: ['required-tags'], options: { 'required-tags': { required: ['Environment', 'ManagedBy'] } } },
    );
    const change = run.records.find((r) => r.status === 'applied')!.change;
    expect(change.effects.map((e) => `${e.workspace} ${e.address}`)).toEqual(['dev aws_sqs_queue.jobs', 'prod aws_sqs_queue.jobs', 'dev aws_sns_topic.alerts', 'prod aws_sns_topic.alerts']);
  });

  it('adds to the resource part of merge(local.common_tags, ...), only keys no part has; an expression it cannot read keeps its keys by going last (a one-line tags whose neighbours would need re-aligning moves to the end)', async () => {
    const run = await assertCodemod(
      {
        'main.tf': `locals {
  common_tags = {
    Project   = "billing"
    ManagedBy = "terraform"
  }
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
  tags = merge(local.common_tags, {
    Name = "jobs"
    Env  = "prod"
  })
}

resource "aws_sns_topic" "alerts" {
  name = "alerts"
  tags = local.common_tags
}

resource "aws_kms_key" "data" {
  description = "data"
  tags        = var.tags
}

resource "aws_instance" "web" {
  ami  = "ami-0abc1234"
  tags = var.tags
}

variable "tags" {
  type = map(string)
}
`,
      },
      {
        'main.tf': `locals {
  common_tags = {
    Project   = "billing"
    ManagedBy = "terraform"
  }
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
  tags = merge(local.common_tags, {
    Name       = "jobs"
    Env        = "prod"
    Owner      = "payments"
    CostCenter = "cc-2090"
  })
}

resource "aws_sns_topic" "alerts" {
  name = "alerts"
  tags = merge(local.common_tags, {
    Owner      = "payments"
    CostCenter = "cc-2090"
  })
}

resource "aws_kms_key" "data" {
  description = "data"
  tags = merge({
    Project    = "billing"
    Owner      = "payments"
    CostCenter = "cc-2090"
    ManagedBy  = "Terraform"
  }, var.tags)
}

resource "aws_instance" "web" {
  ami = "ami-0abc1234"

  tags = merge({
    Project    = "billing"
    Owner      = "payments"
    CostCenter = "cc-2090"
    ManagedBy  = "Terraform"
  }, var.tags)
}

variable "tags" {
  type = map(string)
}
`,
      },
      only({}, ['required-tags']),
    );
    // Env is there under another name: never a second key for the same thing.
    expect(warnings(run)).toContain('aws_sqs_queue.jobs has Env, not Environment: not added twice; rename the key to the required one (a change of its own)');
  });

  it('with placement default_tags, adds a default_tags block to each AWS provider of a root module; a child module is left to its root', async () => {
    const files = {
      'providers.tf': `provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"

  default_tags {
    tags = {
      Project = "billing"
    }
  }
}
`,
      'main.tf': `resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_acm_certificate" "cdn" {
  provider    = aws.us
  domain_name = "cdn.example.com"
}
`,
    };
    const run = await assertCodemod(
      files,
      {
        'providers.tf': `provider "aws" {
  region = "eu-west-1"

  default_tags {
    tags = {
      Project    = "billing"
      Owner      = "payments"
      CostCenter = "cc-2090"
      ManagedBy  = "Terraform"
    }
  }
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"

  default_tags {
    tags = {
      Project    = "billing"
      Owner      = "payments"
      CostCenter = "cc-2090"
      ManagedBy  = "Terraform"
    }
  }
}
`,
      },
      only({ placement: 'default_tags' }),
    );
    const change = run.records.find((r) => r.status === 'applied')!.change;
    expect(change.title).toBe('Add the required tags Project, Owner, CostCenter, ManagedBy to the default_tags of provider "aws", provider "aws" (alias us)');
    expect(change.effects.map((e) => `${e.address} ${e.path}`)).toEqual(['aws_sqs_queue.jobs provider.default_tags', 'aws_acm_certificate.cdn provider.default_tags']);

    const child = await runTransforms({ 'main.tf': files['main.tf'] }, { ...only({ placement: 'default_tags' }), isRoot: false });
    expect(child.outputs.size).toBe(0);
    expect(child.findings.map((f) => f.message)).toContain('a child module: its resources get the default_tags of the root module\u2019s provider');
  });

  it('is a behaviour change: not applied unless required-tags is named; an unknown placement is a usage error', async () => {
    const run = await runTransforms({ 'main.tf': 'resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n' }, { transforms: ['common-tags'] });
    expect(run.outputs.size).toBe(0);
    expect(transformById('required-tags').optIn).toBe(true);
    expect(transformById('required-tags').checkOptions!({ placement: 'provider' })).toBe('tags.placement: expected resources or default_tags, got "provider"');
    expect(transformById('required-tags').checkOptions!({ placement: 'default_tags' })).toBeNull();
  });
});

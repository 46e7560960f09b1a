import { describe, expect, it } from 'vitest';
import { assertCodemod, runTransforms } from '../helpers.js';

const opts = { transforms: ['dedupe-providers'] };

describe('dedupe-providers', () => {
  it('merges an alias configured like the default provider and drops provider = on its resources', async () => {
    await assertCodemod(
      {
        'providers.tf': 'provider "aws" {\n  region = "us-east-1"\n}\n\n# legacy alias\nprovider "aws" {\n  alias  = "primary"\n  region = "us-east-1" # same\n}\n',
        'main.tf': 'resource "aws_s3_bucket" "b" {\n  provider = aws.primary\n  bucket   = "b"\n}\n\ndata "aws_caller_identity" "me" {\n  provider = aws.primary\n}\n',
      },
      {
        'providers.tf': 'provider "aws" {\n  region = "us-east-1"\n}\n',
        'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n\ndata "aws_caller_identity" "me" {\n}\n',
      },
      opts,
    );
  });

  it('keeps aliases that really differ, and rewrites module provider maps', async () => {
    const run = await assertCodemod(
      {
        'providers.tf':
          'provider "aws" {\n  region = "us-east-1"\n}\n\nprovider "aws" {\n  alias  = "east"\n  region = "us-east-1"\n}\n\nprovider "aws" {\n  alias  = "west"\n  region = "us-west-2"\n}\n\nprovider "aws" {\n  alias  = "audit"\n  region = "us-east-1"\n\n  assume_role {\n    role_arn = "arn:aws:iam::111111111111:role/audit"\n  }\n}\n',
        'main.tf': 'module "vpc" {\n  source = "./modules/vpc"\n\n  providers = {\n    aws      = aws.east\n    aws.peer = aws.west\n  }\n}\n',
      },
      {
        'providers.tf':
          'provider "aws" {\n  region = "us-east-1"\n}\n\nprovider "aws" {\n  alias  = "west"\n  region = "us-west-2"\n}\n\nprovider "aws" {\n  alias  = "audit"\n  region = "us-east-1"\n\n  assume_role {\n    role_arn = "arn:aws:iam::111111111111:role/audit"\n  }\n}\n',
        'main.tf': 'module "vpc" {\n  source = "./modules/vpc"\n\n  providers = {\n    aws      = aws\n    aws.peer = aws.west\n  }\n}\n',
      },
      opts,
    );
    expect(run.records.map((r) => r.change.id)).toEqual(['dedupe-providers:aws.east']);
  });

  it('keeps the first of identical aliases when there is no default provider', async () => {
    await assertCodemod(
      {
        'main.tf':
          'provider "google" {\n  alias   = "a"\n  project = "p"\n}\n\nprovider "google" {\n  alias   = "b"\n  project = "p"\n}\n\nresource "google_storage_bucket" "x" {\n  provider = google.b\n  name     = "x"\n}\n',
      },
      {
        'main.tf': 'provider "google" {\n  alias   = "a"\n  project = "p"\n}\n\nresource "google_storage_bucket" "x" {\n  provider = google.a\n  name     = "x"\n}\n',
      },
      opts,
    );
  });

  it('does not merge aliases whose credentials differ', async () => {
    const run = await runTransforms(
      {
        'p.tf': 'provider "aws" {\n  alias      = "a"\n  region     = "us-east-1"\n  access_key = "AKIA1"\n}\n\nprovider "aws" {\n  alias      = "b"\n  region     = "us-east-1"\n  access_key = "AKIA2"\n}\n',
      },
      opts,
    );
    expect(run.outputs.size).toBe(0);
  });

  it('leaves a provider marked tfcodemod:ignore alone, and drops a merge that would touch an ignored resource', async () => {
    const ignoredProvider = await runTransforms(
      { 'p.tf': 'provider "aws" {\n  region = "us-east-1"\n}\n\n# tfcodemod:ignore\nprovider "aws" {\n  alias  = "x"\n  region = "us-east-1"\n}\n' },
      opts,
    );
    expect(ignoredProvider.outputs.size).toBe(0);
    const ignoredUser = await runTransforms(
      {
        'p.tf': 'provider "aws" {\n  region = "us-east-1"\n}\n\nprovider "aws" {\n  alias  = "x"\n  region = "us-east-1"\n}\n',
        'm.tf': '# tfcodemod:ignore dedupe-providers\nresource "aws_s3_bucket" "b" {\n  provider = aws.x\n}\n',
      },
      opts,
    );
    expect(ignoredUser.outputs.size).toBe(0);
    expect(ignoredUser.records[0]!.status).toBe('skipped');
    expect(ignoredUser.records[0]!.note).toMatch(/tfcodemod:ignore/);
  });
});

import { describe, expect, it } from 'vitest';
import { assertCodemod, runTransforms } from '../helpers.js';

const options = { 's3-backend': { bucket: 'acme-state', region: 'eu-west-1', workspaceKeyPrefix: 'workspaces' } };
const opts = { transforms: ['s3-backend'], options, path: 'infra/app' };
const backend = (indent: string, key = 'infra/app/terraform.tfstate'): string =>
  `${indent}backend "s3" {\n${indent}  key                  = "${key}"\n${indent}  workspace_key_prefix = "workspaces"\n${indent}  encrypt              = true\n${indent}  use_lockfile         = true\n${indent}}\n`;

describe('s3-backend', () => {
  it('adds backend "s3" to the terraform block, raises required_version, writes the partial config', async () => {
    const run = await assertCodemod(
      { 'versions.tf': 'terraform {\n  required_version = ">= 1.3"\n}\n' },
      {
        'versions.tf': `terraform {\n  required_version = ">= 1.10"\n\n${backend('  ')}}\n`,
        'backend.s3.tfbackend': 'bucket = "acme-state"\nregion = "eu-west-1"\n',
      },
      opts,
    );
    const change = run.records[0]!.change;
    expect(change.steps).toEqual([{ kind: 'backend', backendConfigFile: 'backend.s3.tfbackend', localStatePath: 'terraform.tfstate', localWorkspaceDir: 'terraform.tfstate.d' }]);
    expect(change.findings[0]!.message).toContain('">= 1.3" becomes ">= 1.10"');
  });

  it('replaces backend "local", keeping its state path for the backup, and adds the KMS key', async () => {
    const run = await assertCodemod(
      { 'main.tf': 'terraform {\n  required_version = "~> 1.5.0"\n\n  # state on the shared drive\n  backend "local" {\n    path = "state/app.tfstate"\n  }\n}\n' },
      {
        'main.tf': `terraform {\n  required_version = "~> 1.10.0"\n\n  # state on the shared drive\n${backend('  ')}}\n`,
        'backend.s3.tfbackend': 'bucket     = "acme-state"\nregion     = "eu-west-1"\nkms_key_id = "alias/terraform"\n',
      },
      { ...opts, options: { 's3-backend': { ...options['s3-backend'], kmsKeyId: 'alias/terraform' } } },
    );
    expect(run.records[0]!.change.steps[0]).toMatchObject({ localStatePath: 'state/app.tfstate' });
  });

  it('creates backend.tf when the module has no terraform block', async () => {
    await assertCodemod(
      { 'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n' },
      {
        'backend.tf': `terraform {\n  required_version = ">= 1.10"\n\n${backend('  ', 'terraform.tfstate')}}\n`,
        'backend.s3.tfbackend': 'bucket = "acme-state"\nregion = "eu-west-1"\n',
      },
      { ...opts, path: '.' },
    );
  });

  it('adds required_version when no terraform block sets one', async () => {
    await assertCodemod(
      { 'versions.tf': 'terraform {\n  required_providers {\n    aws = {\n      source = "hashicorp/aws"\n    }\n  }\n}\n' },
      {
        'versions.tf': `terraform {\n  required_version = ">= 1.10"\n  required_providers {\n    aws = {\n      source = "hashicorp/aws"\n    }\n  }\n\n${backend('  ')}}\n`,
        'backend.s3.tfbackend': 'bucket = "acme-state"\nregion = "eu-west-1"\n',
      },
      opts,
    );
  });

  it('never gives a child module a backend', async () => {
    const run = await runTransforms({ 'main.tf': 'terraform {\n}\n' }, { ...opts, isRoot: false });
    expect(run.outputs.size).toBe(0);
  });

  it('emits a finding instead of an edit without a bucket', async () => {
    const run = await runTransforms({ 'main.tf': 'terraform {\n}\n' }, { ...opts, options: {} });
    expect(run.outputs.size).toBe(0);
    expect(run.findings[0]!.message).toMatch(/--backend-bucket/);
  });

  it('leaves an existing S3 backend alone but flags deprecated locking and missing encryption', async () => {
    const run = await runTransforms({ 'main.tf': 'terraform {\n  backend "s3" {\n    bucket         = "b"\n    key            = "k"\n    dynamodb_table = "locks"\n  }\n}\n' }, opts);
    expect(run.outputs.size).toBe(0);
    expect(run.findings.map((f) => f.severity)).toEqual(['warning', 'info']);
  });

  it('refuses two roots with one state key', async () => {
    const run = await runTransforms(
      { 'main.tf': 'terraform {\n}\n' },
      {
        ...opts,
        options: { 's3-backend': { ...options['s3-backend'], keys: { 'infra/app': 'shared.tfstate', 'infra/web': 'shared.tfstate' } } },
        otherModules: [{ path: 'infra/web', isRoot: true }],
      },
    );
    expect(run.outputs.size).toBe(0);
    expect(run.findings[0]).toMatchObject({ severity: 'error' });
    expect(run.findings[0]!.message).toContain('infra/web');
  });
});

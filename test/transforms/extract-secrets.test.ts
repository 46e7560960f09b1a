import { describe, expect, it } from 'vitest';
import { assertCodemod, runTransforms } from '../helpers.js';

const opts = { transforms: ['extract-secrets'] };
const variable = (name: string, label: string): string =>
  `variable "${name}" {\n  description = "Was hardcoded as ${label}; set it in secrets.tfvars or TF_VAR_${name}"\n  type        = string\n  sensitive   = true\n}\n`;
const tfvar = (label: string, name: string, value: string): string => `# ${label}: was committed to version control; rotate it\n${name} = ${value}\n`;

describe('extract-secrets', () => {
  it('moves a literal password into a sensitive variable and its value into secrets.tfvars', async () => {
    const run = await assertCodemod(
      { 'main.tf': 'resource "aws_db_instance" "main" {\n  username = "app"\n  password = "hunter2!"\n}\n' },
      {
        'main.tf': 'resource "aws_db_instance" "main" {\n  username = "app"\n  password = var.main_password\n}\n',
        'variables.tf': variable('main_password', 'aws_db_instance.main.password'),
        'secrets.tfvars': tfvar('aws_db_instance.main.password', 'main_password', '"hunter2!"'),
        '.gitignore': 'secrets.tfvars\n',
      },
      opts,
    );
    expect(run.outputs.get('secrets.tfvars')!.mode).toBe(0o600);
    const change = run.records[0]!.change;
    expect(change.secrets).toEqual(['hunter2!']);
    const told = JSON.stringify([change.title, change.reason, change.findings, change.instructions]);
    expect(told).not.toContain('hunter2');
  });

  it('moves only the literal text of a template with interpolation', async () => {
    await assertCodemod(
      { 'main.tf': 'resource "aws_db_instance" "main" {\n  password = "S3cret-${var.suffix}!"\n}\n', 'variables.tf': 'variable "suffix" {\n  type = string\n}\n' },
      {
        'main.tf': 'resource "aws_db_instance" "main" {\n  password = "${var.main_password_part1}${var.suffix}${var.main_password_part2}"\n}\n',
        'variables.tf':
          'variable "suffix" {\n  type = string\n}\n\n' +
          variable('main_password_part1', 'aws_db_instance.main.password').replace('Was hardcoded', 'Part of what was hardcoded') +
          '\n' +
          variable('main_password_part2', 'aws_db_instance.main.password').replace('Was hardcoded', 'Part of what was hardcoded'),
        'secrets.tfvars': tfvar('aws_db_instance.main.password', 'main_password_part1', '"S3cret-"') + '\n' + tfvar('aws_db_instance.main.password', 'main_password_part2', '"!"'),
        '.gitignore': 'secrets.tfvars\n',
      },
      opts,
    );
  });

  it('reads heredoc values from the source, indentation rule included, and keeps them exact', async () => {
    const run = await runTransforms(
      { 'main.tf': 'resource "aws_iam_server_certificate" "c" {\n  name        = "c"\n  private_key = <<-EOT\n    -----BEGIN RSA PRIVATE KEY-----\n    MIIEow==\n    -----END RSA PRIVATE KEY-----\n  EOT\n}\n' },
      opts,
    );
    expect(run.outputs.get('main.tf')!.after).toBe('resource "aws_iam_server_certificate" "c" {\n  name        = "c"\n  private_key = var.c_private_key\n}\n');
    expect(run.outputs.get('secrets.tfvars')!.after).toContain('c_private_key = "-----BEGIN RSA PRIVATE KEY-----\\nMIIEow==\\n-----END RSA PRIVATE KEY-----\\n"');
  });

  it('keeps escapes exact in the var file', async () => {
    const run = await runTransforms({ 'main.tf': 'resource "x_db" "d" {\n  password = "a\\"b\\\\c$${d}"\n}\n' }, opts);
    expect(run.outputs.get('secrets.tfvars')!.after).toContain('d_password = "a\\"b\\\\c$${d}"');
  });

  it('turns a secret-looking variable default into a sensitive variable without a default', async () => {
    await assertCodemod(
      { 'variables.tf': 'variable "api_token" {\n  description = "Token"\n  type        = string\n  default     = "tok_123456"\n}\n' },
      {
        'variables.tf': 'variable "api_token" {\n  description = "Token"\n  type        = string\n  sensitive   = true\n}\n',
        'secrets.tfvars': tfvar('variable api_token (default)', 'api_token', '"tok_123456"'),
        '.gitignore': 'secrets.tfvars\n',
      },
      opts,
    );
  });

  it('marks outputs that reach a secret sensitive, through locals, and requires that change', async () => {
    const run = await assertCodemod(
      {
        'main.tf': 'resource "aws_db_instance" "db" {\n  password = "pw-123456"\n}\n\nlocals {\n  url = "postgres://app:${aws_db_instance.db.password}@db/app"\n}\n',
        'outputs.tf': 'output "url" {\n  value = local.url\n}\n\noutput "flagged" {\n  value     = aws_db_instance.db.password\n  sensitive = false\n}\n\noutput "fine" {\n  value     = aws_db_instance.db.password\n  sensitive = true\n}\n',
      },
      {
        'main.tf': 'resource "aws_db_instance" "db" {\n  password = var.db_password\n}\n\nlocals {\n  url = "postgres://app:${aws_db_instance.db.password}@db/app"\n}\n',
        'outputs.tf': 'output "url" {\n  value     = local.url\n  sensitive = true\n}\n\noutput "flagged" {\n  value     = aws_db_instance.db.password\n  sensitive = true\n}\n\noutput "fine" {\n  value     = aws_db_instance.db.password\n  sensitive = true\n}\n',
        'variables.tf': variable('db_password', 'aws_db_instance.db.password'),
        'secrets.tfvars': tfvar('aws_db_instance.db.password', 'db_password', '"pw-123456"'),
        '.gitignore': 'secrets.tfvars\n',
      },
      opts,
    );
    const secret = run.records.find((r) => r.change.id.endsWith('password'))!.change;
    expect(secret.requires.sort()).toEqual(['extract-secrets:output.flagged', 'extract-secrets:output.url']);
  });

  it('drops a secret change whose output change is rejected, leaving no trace', async () => {
    const files = {
      'main.tf': 'variable "db_password" {\n  type    = string\n  default = "pw-123456"\n}\n\noutput "pw" {\n  value = var.db_password\n}\n',
    };
    const run = await runTransforms(files, { ...opts, rejected: ['extract-secrets:output.pw'] });
    expect(run.outputs.size).toBe(0);
    expect(run.records.map((r) => [r.change.id, r.status])).toEqual([
      ['extract-secrets:output.pw', 'rejected'],
      ['extract-secrets:variable db_password (default)', 'skipped'],
    ]);
  });

  it('extracts provider keys per alias, object keys, locals and module arguments', async () => {
    const run = await runTransforms(
      {
        'main.tf':
          'provider "aws" {\n  alias      = "ci"\n  region     = "us-east-1"\n  access_key = "AKIAEXAMPLE"\n  secret_key = "abcdSECRET"\n}\n\n' +
          'resource "aws_lambda_function" "api" {\n  environment {\n    variables = {\n      LOG_LEVEL   = "info"\n      DB_PASSWORD = "lambda-pw"\n    }\n  }\n}\n\n' +
          'locals {\n  github_token = "ghp_example"\n}\n\n' +
          'module "db" {\n  source   = "./db"\n  password = "module-pw"\n}\n',
      },
      opts,
    );
    const vars = run.outputs.get('secrets.tfvars')!.after;
    for (const v of ['aws_ci_access_key', 'aws_ci_secret_key', 'api_environment_variables_db_password', 'github_token', 'db_password']) expect(vars).toContain(`\n${v} = `);
    const main = run.outputs.get('main.tf')!.after;
    expect(main).toContain('DB_PASSWORD = var.api_environment_variables_db_password');
    expect(main).toContain('LOG_LEVEL   = "info"');
    expect(main).toContain('github_token = var.github_token');
    expect(main).toContain('password = var.db_password');
    expect(run.findings).toEqual([]);
    const providerFindings = run.records.flatMap((r) => r.change.findings).filter((f) => f.message.includes('standard credential chain'));
    expect(providerFindings).toHaveLength(1);
  });

  it('reports secrets in a child module without changing it', async () => {
    const run = await runTransforms({ 'main.tf': 'resource "aws_db_instance" "db" {\n  password = "child-pw"\n}\n' }, { ...opts, isRoot: false });
    expect(run.outputs.size).toBe(0);
    expect(run.findings[0]!.message).toMatch(/child module/);
    expect(run.findings[0]!.message).not.toContain('child-pw');
    expect(run.findings[0]).toMatchObject({ file: 'main.tf', line: 2, column: 3 });
  });

  it('leaves references, empty strings, interpolation-only values and ignored blocks alone', async () => {
    const run = await runTransforms(
      {
        'main.tf':
          'resource "a" "x" {\n  password = var.pw\n}\n\nresource "a" "y" {\n  password = ""\n}\n\nresource "a" "z" {\n  password = "${random_password.p.result}"\n}\n\n# tfcodemod:ignore\nresource "a" "w" {\n  password = "kept-on-purpose"\n}\n\nresource "a" "v" {\n  password_length = 16\n  kms_key_id      = "arn:aws:kms:1"\n}\n',
      },
      opts,
    );
    expect(run.outputs.size).toBe(0);
  });

  it('reports (not extracts) a secret inside a template directive', async () => {
    const run = await runTransforms({ 'main.tf': 'resource "a" "x" {\n  password = "%{if var.p}pw-one%{else}pw-two%{endif}"\n}\n' }, opts);
    expect(run.outputs.size).toBe(0);
    expect(run.findings[0]!.message).toMatch(/template directive/);
  });

  it('does not mark a git-ignored secrets file again', async () => {
    const run = await runTransforms({ 'main.tf': 'resource "a" "x" {\n  password = "pw-123456"\n}\n' }, { ...opts, gitIgnored: (n) => n === 'secrets.tfvars' });
    expect(run.outputs.has('.gitignore')).toBe(false);
  });

  it('keeps a CRLF file CRLF and a BOM in place', async () => {
    const run = await runTransforms({ 'main.tf': '\ufeffresource "a" "x" {\r\n  password = "pw-123456" # old\r\n}\r\n' }, opts);
    expect(run.outputs.get('main.tf')!.after).toBe('\ufeffresource "a" "x" {\r\n  password = var.x_password # old\r\n}\r\n');
  });
});

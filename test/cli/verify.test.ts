// `tfcodemod verify` as a process, and --write refusing what verify cannot prove.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { attributeOf, attributeValue } from '../../src/cst/nodes.js';
import { defineTransform, type Transform } from '../../src/engine/transform.js';
import { projectRoot, tempTree, tfcodemod } from '../helpers.js';

const before = path.join(projectRoot, 'examples', 'before', 'legacy-app');

/**
 * The legacy app and its rewrite by a real run (every transform, with the moves in report.json),
 * side by side in a temp dir.
 */
function pair(): { dir: string; after: string } {
  const dir = tempTree({});
  cpSync(before, path.join(dir, 'before'), { recursive: true });
  cpSync(before, path.join(dir, 'after'), { recursive: true });
  const run = tfcodemod(['after', '--write', '--json', '--allow-dirty'], dir);
  if (run.code !== 0) throw new Error(`the rewrite failed: ${run.stderr}`);
  writeFileSync(path.join(dir, 'report.json'), run.stdout);
  return { dir, after: path.join(dir, 'after') };
}

const secretFiles = ['--var-file', 'after/secrets.tfvars', ...['dev', 'staging', 'prod'].flatMap((ws) => ['--var-file', `${ws}:after/secrets/${ws}.tfvars`])];

describe('tfcodemod verify', () => {
  it('proves the rewrite of the legacy app equivalent in every workspace with its moves and secrets files, exit 0', () => {
    const { dir } = pair();
    const r = tfcodemod(['verify', 'before', 'after', '--moves', 'report.json', ...secretFiles], dir);
    expect(r.stderr).toContain('verify: equivalent');
    expect(r.code).toBe(0);
    // The workspace guard output is new, and said so, but is not a difference that fails.
    expect(r.stdout.trim().split('\n')).toEqual(['dev', 'staging', 'prod'].map((ws) => `${ws} output.workspace: (absent) -> "${ws}" (output added)`));
  });

  it('without the moves, every merged resource is a destroy and a create', () => {
    const { dir } = pair();
    const r = tfcodemod(['verify', 'before', 'after', ...secretFiles], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('default aws_vpc.prod_vpc: declared -> (absent) (destroy)');
  });

  it('cannot judge without the secret values (exit 1) unless --allow-unknown, and never prints them', () => {
    const { dir } = pair();
    const r = tfcodemod(['verify', 'before', 'after', '--moves', 'report.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('cannot judge');
    for (const secret of ['Pr0d-S3cret-2019', 'sk_live_51H8example', 'wJalrXUtnFEMI']) expect(r.stdout).not.toContain(secret);
    expect(tfcodemod(['verify', 'before', 'after', '--moves', 'report.json', '--allow-unknown'], dir).code).toBe(0);
  });

  it('reports a changed value as one line per difference, in the workspace it lands in, exit 1', () => {
    const { dir, after } = pair();
    const envs = path.join(after, 'environments.tf');
    const text = readFileSync(envs, 'utf8');
    expect(text).toContain('prod    = "10.30.0.0/16"');
    writeFileSync(envs, text.replace('prod    = "10.30.0.0/16"', 'prod    = "10.31.0.0/16"'));
    const r = tfcodemod(['verify', 'before', 'after', '--moves', 'report.json', ...secretFiles], dir);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => !l.endsWith('(output added)'))).toEqual(['prod aws_vpc.vpc cidr_block: "10.30.0.0/16" -> "10.31.0.0/16" (update)', '']);
    expect(r.stderr).toContain('verify: NOT equivalent: 1 difference in prod');
    const json = JSON.parse(tfcodemod(['verify', 'before', 'after', '--moves', 'report.json', ...secretFiles, '--json'], dir).stdout);
    expect(json.equivalent).toBe(false);
    expect(json.differences.filter((d: { action: string }) => d.action === 'update')).toEqual([
      { workspace: 'prod', intended: false, address: 'aws_vpc.vpc', path: 'cidr_block', before: '"10.30.0.0/16"', after: '"10.31.0.0/16"', action: 'update' },
    ]);
  });

  it('takes the moves from a --json report', () => {
    const dir = tempTree({
      'before/main.tf': 'resource "aws_vpc" "dev_vpc" {\n  cidr_block = "10.0.0.0/16"\n}\n',
      'after/main.tf': 'resource "aws_vpc" "vpc" {\n  cidr_block = "10.0.0.0/16"\n}\n',
      'report.json': JSON.stringify({ version: 1, modules: [{ path: '.', changes: [{ moves: [{ from: { workspace: 'default', address: 'aws_vpc.dev_vpc' }, to: { workspace: 'dev', address: 'aws_vpc.vpc' } }] }] }] }),
    });
    expect(tfcodemod(['verify', 'before', 'after', '--moves', 'report.json'], dir).code).toBe(0);
    expect(tfcodemod(['verify', 'before', 'after'], dir).code).toBe(1);
  });

  it('counts the effects of a report\'s behaviour changes as intended, and only those', () => {
    const files = {
      'before/main.tf': 'resource "aws_db_instance" "db" {\n  multi_az = false\n  port     = 5432\n}\n',
      'after/main.tf': 'resource "aws_db_instance" "db" {\n  multi_az = true\n  port     = 5432\n}\n',
    };
    const effect = { workspace: 'default', address: 'aws_db_instance.db', path: 'multi_az', action: 'update-with-outage' };
    const report = (effects: unknown[]) => JSON.stringify({ version: 1, modules: [{ path: '.', changes: [{ moves: [], effects }] }] });
    const dir = tempTree({ ...files, 'report.json': report([effect]), 'other.json': report([{ ...effect, path: 'port' }]) });
    const r = tfcodemod(['verify', 'before', 'after', '--moves', 'report.json'], dir);
    expect(r.stdout).toBe('default aws_db_instance.db multi_az: false -> true (update, intended)\n');
    expect(r.code).toBe(0);
    expect(tfcodemod(['verify', 'before', 'after', '--moves', 'other.json'], dir).code).toBe(1);
    expect(tfcodemod(['verify', 'before', 'after'], dir).code).toBe(1);
  });

  it('exits 2 on bad input with path:line:col', () => {
    const dir = tempTree({ 'before/main.tf': 'locals {\n  a = \n}\n', 'after/main.tf': 'locals {}\n' });
    const bad = tfcodemod(['verify', 'before', 'after'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/before\/main\.tf:2:\d+: /);
    expect(tfcodemod(['verify', 'before'], dir).code).toBe(2);
    expect(tfcodemod(['verify', 'after', 'nowhere'], dir).stderr).toContain('nowhere: no such file or directory');
    expect(tfcodemod(['verify', '--help'], dir).stdout).toContain('Usage: tfcodemod verify BEFORE AFTER');
  });
});

describe('--write and verify', () => {
  /** A transform with a bug: it changes a CIDR while calling it a refactor. */
  const buggy = defineTransform<true>({
    id: 'buggy',
    title: 'buggy',
    description: 'changes what it should not',
    kinds: ['refactor'],
    optIn: false,
    options: {},
    plan: () => true,
    apply(_p, module, ctx) {
      for (const b of module.index.resources.values()) {
        const a = attributeOf(b.body, 'cidr_block');
        const v = a && attributeValue(a);
        if (v) ctx.change({ subject: 'x', title: 'tidy the CIDR', reason: '', kind: 'refactor' }, (c) => c.replaceNode(b.file, v, '"10.99.0.0/16"'));
      }
    },
  }) as Transform<unknown>;

  async function runWith(args: string[], cwd: string) {
    const out = new PassThrough();
    const err = new PassThrough();
    let stderr = '';
    err.on('data', (d) => (stderr += d));
    out.resume();
    const code = await run(args, { stdout: out, stderr: err, cwd, env: {} }, [buggy]);
    return { code, stderr };
  }

  it('refuses to write when the refactor would not plan the same, exit 1, nothing written', async () => {
    const dir = tempTree({ 'main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n' });
    const r = await runWith(['--write', '.'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('verify: the rewrite would not plan the same as the original; nothing was written');
    expect(r.stderr).toContain('default aws_vpc.v cidr_block: "10.0.0.0/16" -> "10.99.0.0/16" (update)');
    expect(readFileSync(path.join(dir, 'main.tf'), 'utf8')).toContain('10.0.0.0/16');
    const skipped = await runWith(['--write', '--no-verify', '.'], dir);
    expect(skipped.code).toBe(0);
    expect(readFileSync(path.join(dir, 'main.tf'), 'utf8')).toContain('10.99.0.0/16');
  });
});

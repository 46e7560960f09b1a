// The real CLI, run as a process: exit codes, messages, outputs. Needs `npm run build`
// (npm test does it first).
import { spawnSync, execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtCli, projectRoot, tempTree, tfcodemod } from '../helpers.js';

/**
 * The package as npm installs it (the bundle, package.json, hclcheck/) in a temp directory, with
 * the project's node_modules, less `missing` (a path in it); returns its CLI's path.
 */
function packageCopyWithout(missing: string): string {
  const pkg = tempTree({});
  for (const p of ['dist/bundle', 'package.json', 'hclcheck']) cpSync(path.join(projectRoot, p), path.join(pkg, p), { recursive: true });
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(pkg, 'node_modules'));
  rmSync(path.join(pkg, missing));
  return path.join(pkg, 'dist', 'bundle', 'src', 'cli', 'main.js');
}

function legacyCopy(): string {
  const dir = tempTree({});
  cpSync(path.join(projectRoot, 'examples', 'before', 'legacy-app'), dir, { recursive: true });
  return dir;
}

const SECRETS = ['dev-Passw0rd!', 'Pr0d-S3cret-2019', 'St4ging-', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'AKIAIOSFODNN7EXAMPLE', 'sk_live_51H8example0000000000000000', '0123456789abcdef0123456789abcdef'];

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== '.git') walk(p);
      } else out[path.relative(dir, p)] = readFileSync(p, 'latin1');
    }
  };
  walk(dir);
  return out;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
}

describe('tfcodemod CLI', () => {
  it('prints help, version and the transform list, exit 0', () => {
    const help = tfcodemod(['--help'], projectRoot);
    expect(help.code).toBe(0);
    for (const flag of ['--write', '--check', '--json', '--patch', '--transforms', '--exclude', '--backend-bucket', '--strategy', 'Exit codes']) expect(help.stdout).toContain(flag);
    // It reads in a 100-column terminal, the transforms' own flags included.
    expect(help.stdout.split('\n').filter((l) => l.length > 100)).toEqual([]);
    const version = tfcodemod(['--version'], projectRoot);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).version);
    const list = tfcodemod(['--list-transforms'], projectRoot);
    expect(list.code).toBe(0);
    for (const id of ['dedupe-providers', 'extract-secrets', 's3-backend']) expect(list.stdout).toContain(id);
    expect(list.stdout).toContain('master_password');
  });

  it('exits 2 with one line for usage errors', () => {
    for (const args of [['--nope'], ['--write', '--check'], ['--transforms', 'nope'], ['-i'], ['--environments', 'only']]) {
      const r = tfcodemod(args, projectRoot);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^tfcodemod: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('exits 2 for a path that does not exist', () => {
    const r = tfcodemod(['no/such/dir'], tempTree({}));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no/such/dir: error: no such file or directory');
  });

  it('dry run: diff on stdout with secrets masked, summary on stderr, nothing written, exit 0', () => {
    const dir = legacyCopy();
    const before = snapshot(dir);
    const r = tfcodemod([], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('diff --git a/rds.tf b/rds.tf');
    expect(r.stdout).toContain('+  password             = local.postgres_password[terraform.workspace]');
    expect(r.stdout).toContain('diff --git a/secrets/dev.tfvars b/secrets/dev.tfvars');
    expect(r.stdout).toContain('"********"');
    for (const s of SECRETS) {
      expect(r.stdout).not.toContain(s);
      expect(r.stderr).not.toContain(s);
    }
    expect(r.stdout).not.toContain('\x1b[');
    expect(r.stderr).toContain('s3-backend (refactor): Move state to the S3 backend');
    expect(r.stderr).toContain('Dry run: nothing was written');
    expect(snapshot(dir)).toEqual(before);
    const shown = tfcodemod(['--show-secrets', '--color'], dir);
    expect(shown.stdout).toContain('dev-Passw0rd!');
    expect(shown.stdout).toContain('\x1b[32m+');
  });

  it('masks literal secrets in the diff whichever transforms run (a merge moves passwords into locals)', () => {
    const dir = legacyCopy();
    const r = tfcodemod(['--transforms', 'merge-environments'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('diff --git a/environments.tf b/environments.tf');
    expect(r.stdout).toMatch(/password = \{\n[^]*?"\*\*\*\*\*\*\*\*"/);
    for (const s of ['dev-Passw0rd!', 'Pr0d-S3cret-2019']) expect(r.stdout).not.toContain(s);
    // Ordinary words are not masked (ports, booleans): the diff stays readable.
    expect(r.stdout).toContain('true');
    expect(tfcodemod(['--transforms', 'merge-environments', '--show-secrets'], dir).stdout).toContain('Pr0d-S3cret-2019');
  });

  it('--check exits 1 while there are changes and 0 after --write', () => {
    const dir = legacyCopy();
    expect(tfcodemod(['--check'], dir).code).toBe(1);
    const w = tfcodemod(['--write'], dir);
    expect(w.code, w.stderr).toBe(0);
    expect(w.stderr).toContain('wrote 17 files');
    expect(w.stderr).toContain('review and run migrate-state.sh');
    const c = tfcodemod(['--check'], dir);
    expect(c.code).toBe(0);
    expect(c.stderr).toContain('0 changes in 0 of 1 module');
  });

  it('labels a behaviour change in the diff, the summary and the report, and applies it only when its transform is named', () => {
    const dir = tempTree({});
    cpSync(path.join(projectRoot, 'examples', 'before', 'required-tags'), dir, { recursive: true });
    // The fixture's config names required-tags: the dry run shows it, flagged before the file's diff.
    const named = tfcodemod(['--no-color'], dir);
    expect(named.code, named.stderr).toBe(0);
    expect(named.stdout).toMatch(/^# behaviour change \(required-tags\): Add the required tags .* to 3 resources\ndiff --git a\/main\.tf b\/main\.tf\n/m);
    expect(named.stderr).toContain('required-tags (behaviour): Add the required tags');
    const report = JSON.parse(tfcodemod(['--json'], dir).stdout);
    const change = report.modules[0].changes.find((c: { transform: string }) => c.transform === 'required-tags');
    expect(change.kind).toBe('behaviour');
    expect(change.effects).toContainEqual({ workspace: 'prod', address: 'aws_iam_role.worker', path: 'tags', action: 'update-in-place' });
    // Not named: the refactors only, and no label.
    const plain = tfcodemod(['--no-color', '--transforms', 'merge-environments,common-tags'], dir);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).not.toContain('# behaviour change');
    expect(plain.stdout).not.toContain('ManagedBy');
  });

  it('--json prints the version 1 report and nothing else, without secret values', () => {
    const dir = legacyCopy();
    const r = tfcodemod(['--json'], dir);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.version).toBe(1);
    expect(report.modules).toHaveLength(1);
    const m = report.modules[0];
    expect(m).toMatchObject({ path: '.', root: true });
    expect(m.changes.map((c: { id: string }) => c.id)).toContain('extract-secrets:aws_db_instance.prod_postgres.password');
    const change = m.changes.find((c: { id: string }) => c.id === 's3-backend:backend');
    expect(change).toMatchObject({ transform: 's3-backend', kind: 'refactor', requires: [], moves: [], effects: [] });
    expect(change.files.sort()).toEqual(['backend.s3.tfbackend', 'versions.tf']);
    const moves = m.changes.flatMap((c: { moves: unknown[] }) => c.moves);
    expect(moves).toContainEqual({ from: { workspace: 'default', address: 'aws_vpc.dev_vpc' }, to: { workspace: 'dev', address: 'aws_vpc.vpc' } });
    expect(report.summary).toEqual({ changes: m.changes.length, moves: moves.length, findings: expect.any(Number), errors: 0 });
    for (const s of SECRETS) expect(r.stdout).not.toContain(s);
  });

  it('--patch writes an exact patch (0600) that git apply and patch -p1 accept, new files included', () => {
    const dir = legacyCopy();
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'legacy');
    const patchFile = path.join(tempTree({}), 'changes.patch');
    const r = tfcodemod(['--patch', patchFile], dir);
    expect(r.code).toBe(0);
    expect(statSync(patchFile).mode & 0o777).toBe(0o600);
    const patch = readFileSync(patchFile, 'utf8');
    expect(patch).toContain('dev-Passw0rd!');
    expect(patch).not.toContain('\x1b[');

    const viaWrite = legacyCopy();
    expect(tfcodemod(['--write'], viaWrite).code).toBe(0);
    git(dir, 'apply', '--check', patchFile);
    git(dir, 'apply', patchFile);
    const applied = snapshot(dir);
    const written = snapshot(viaWrite);
    expect(applied).toEqual(written);
    expect(statSync(path.join(dir, 'migrate-state.sh')).mode & 0o111).not.toBe(0);

    const withPatch = legacyCopy();
    execFileSync('patch', ['-p1', '-s', '-i', patchFile], { cwd: withPatch });
    expect(snapshot(withPatch)).toEqual(written);
  });

  it('--write refuses a dirty git work tree unless --allow-dirty', () => {
    const dir = legacyCopy();
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'legacy');
    writeFileSync(path.join(dir, 'vpc.tf'), readFileSync(path.join(dir, 'vpc.tf'), 'utf8') + '\n# local edit\n');
    const before = snapshot(dir);
    const r = tfcodemod(['--write'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--write refuses to run on uncommitted changes');
    expect(r.stderr).toContain('vpc.tf');
    expect(snapshot(dir)).toEqual(before);
    expect(tfcodemod(['--write', '--allow-dirty'], dir).code).toBe(0);
  });

  it('a read-only file makes --write fail with one line and write nothing at all', () => {
    const dir = legacyCopy();
    chmodSync(path.join(dir, 'rds.tf'), 0o444);
    const before = snapshot(dir);
    const r = tfcodemod(['--write'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('rds.tf: file is read-only; nothing was written');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(dir)).toEqual(before);
  });

  it('skips and reports a module with invalid HCL, processes the others, exit 2', () => {
    const dir = tempTree({
      'ok/main.tf': 'resource "aws_db_instance" "a" {\n  password = "pw-123456"\n}\n',
      'bad/main.tf': 'resource "aws_db_instance" "b" {\n  password = "pw-654321"\n  x = \n}\n',
    });
    const r = tfcodemod(['--write'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\/main\.tf:3:\d+: error: /);
    expect(readFileSync(path.join(dir, 'ok/main.tf'), 'utf8')).toContain('var.a_password');
    expect(readFileSync(path.join(dir, 'bad/main.tf'), 'utf8')).toContain('"pw-654321"');
  });

  it('reports a non-UTF-8 file and a symlink loop in one line each', () => {
    const dir = tempTree({ 'ok/main.tf': 'locals {\n  a = 1\n}\n' });
    mkdirSync(path.join(dir, 'latin1'));
    writeFileSync(path.join(dir, 'latin1', 'main.tf'), Buffer.from('locals {\n  a = "caf\xe9"\n}\n', 'latin1'));
    symlinkSync('loop.tf', path.join(dir, 'ok', 'loop.tf'));
    const r = tfcodemod([], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('latin1/main.tf:2:11: error: not valid UTF-8');
    expect(r.stderr).toContain('ok/loop.tf: error: symlink loop');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('honours .gitignore, skips .terraform/ and --exclude', () => {
    const secret = 'resource "aws_db_instance" "x" {\n  password = "pw-123456"\n}\n';
    const dir = tempTree({ '.gitignore': 'ignored/\n', 'ignored/main.tf': secret, '.terraform/modules/m/main.tf': secret, 'legacy/main.tf': secret, 'app/main.tf': secret });
    const r = tfcodemod(['--json', '--exclude', 'legacy/**'], dir);
    const report = JSON.parse(r.stdout);
    expect(report.modules.map((m: { path: string }) => m.path)).toEqual(['app']);
  });

  it('validates the config file with clear errors', () => {
    const bad = tempTree({ '.tfcodemod.json': '{\n  "backend": { "bucket": 3 },\n  "bakend": {}\n}\n', 'main.tf': 'locals {}\n' });
    const r = tfcodemod([], bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.tfcodemod.json: backend.bucket: expected a string, got number');
    expect(r.stderr).toContain('unknown key "bakend"');
    const broken = tempTree({ '.tfcodemod.json': '{\n  "backend": {\n    "bucket": "x",\n  }\n}\n', 'main.tf': 'locals {}\n' });
    const b = tfcodemod([], broken);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/\.tfcodemod\.json:4:\d+: not valid JSON/);
    expect(tfcodemod(['--config', 'missing.json'], broken).stderr).toContain('missing.json: cannot read');
  });

  it('refuses --migration-script with more than one root module', () => {
    const dir = tempTree({ 'a/main.tf': 'locals {}\n', 'b/main.tf': 'locals {}\n' });
    const r = tfcodemod(['--migration-script', 'm.sh'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('2 root modules');
  });

  it('gives the same output with worker threads as without', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) {
      files[`app${i}/main.tf`] = `provider "aws" {\n  region = "us-east-1"\n}\n\nprovider "aws" {\n  alias  = "x"\n  region = "us-east-1"\n}\n\nresource "aws_db_instance" "db" {\n  provider = aws.x\n  password = "pw-${i}-secret"\n}\n`;
    }
    files['bad/main.tf'] = 'locals {\n';
    const dir = tempTree(files);
    const args = ['--backend-bucket', 'b', '--backend-region', 'us-east-1'];
    const inline = tfcodemod(args, dir, { TFCODEMOD_WORKERS: '0' });
    const pooled = tfcodemod(args, dir, { TFCODEMOD_WORKERS: '2' });
    expect(pooled.code).toBe(2);
    expect(pooled.stdout).toBe(inline.stdout);
    expect(pooled.stderr).toBe(inline.stderr);
    expect(tfcodemod(['--json', ...args], dir, { TFCODEMOD_WORKERS: '3' }).stdout).toBe(tfcodemod(['--json', ...args], dir, { TFCODEMOD_WORKERS: '0' }).stdout);
    const written = tempTree(files);
    expect(tfcodemod(['--write', ...args], written, { TFCODEMOD_WORKERS: '2' }).code).toBe(2);
    expect(readFileSync(path.join(written, 'app7/main.tf'), 'utf8')).toContain('password = var.db_password');
  });

  it('refuses TFCODEMOD_WORKERS on a build whose worker is missing, instead of running on one thread', () => {
    const cli = packageCopyWithout('dist/bundle/src/engine/module-worker.js');
    const dir = tempTree({ 'a/main.tf': 'locals {}\n', 'b/main.tf': 'locals {}\n' });
    const run = (env: Record<string, string>) => spawnSync(process.execPath, [cli, dir], { encoding: 'utf8', env: { ...process.env, ...env } });
    const forced = run({ TFCODEMOD_WORKERS: '2' });
    expect(forced.status).toBe(2);
    expect(forced.stderr).toMatch(/^tfcodemod: internal error: TFCODEMOD_WORKERS=2, but this build has no worker thread \(file:.*module-worker\.js is missing\)\n$/);
    expect(run({ TFCODEMOD_WORKERS: '0' }).status).toBe(0);
  });

  it("reports a package without HashiCorp's parser in one line, with or without workers", () => {
    // The check of the changed module fails, in whichever thread compiles the parser (a worker
    // when there is one).
    const cli = packageCopyWithout('hclcheck/hclcheck.wasm');
    const dir = tempTree({ 'app/main.tf': 'resource "aws_db_instance" "db" {\n  password = "pw-secret-1234"\n}\n', 'other/main.tf': 'locals {\n  a = 1\n}\n' });
    for (const workers of ['0', '1', '2']) {
      const r = spawnSync(process.execPath, [cli, 'app', 'other'], { cwd: dir, encoding: 'utf8', env: { ...process.env, TFCODEMOD_WORKERS: workers } });
      expect(r.stderr).toBe('tfcodemod: internal error: hclcheck/hclcheck.wasm is missing from the tfcodemod package\n');
      expect(r.status).toBe(2);
    }
  });

  it('does not print a stack trace when stdout is closed early', () => {
    const dir = legacyCopy();
    const r = spawnSync('bash', ['-c', `node ${JSON.stringify(builtCli)} | head -c 10 >/dev/null`], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
  });
});

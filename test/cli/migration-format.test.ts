// --migration-format: how the state moves are delivered (script, tfmigrate files, moved blocks).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StateMove } from '../../src/engine/types.js';
import { hclParse, projectRoot, tempTree } from '../helpers.js';

const cli = path.join(projectRoot, 'dist', 'src', 'cli', 'main.js');

function tfcodemod(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The legacy app without its config (no S3 backend change), in a temp dir. */
function legacyApp(): string {
  const dir = tempTree({});
  cpSync(path.join(projectRoot, 'examples', 'before', 'legacy-app'), dir, { recursive: true });
  return dir;
}

const movesOf = (json: string): StateMove[] => (JSON.parse(json) as { modules: { changes: { moves: StateMove[] }[] }[] }).modules.flatMap((m) => m.changes.flatMap((c) => c.moves));

describe('--migration-format', () => {
  it('tfmigrate with for_each: one state migration with every move, single-quoted keys, and no moved blocks or script', async () => {
    const dir = legacyApp();
    const args = ['--strategy', 'for_each', '--migration-format', 'tfmigrate', '--transforms', 'merge-environments,extract-secrets,dedupe-providers'];
    const moves = movesOf(tfcodemod([...args, '--json'], dir).stdout);
    expect(moves.length).toBe(17); // web, postgres, web_sg, vpc, private_a in 3 environments; db_subnets in 2
    const r = tfcodemod([...args, '--write', '--allow-dirty'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('- from .: tfmigrate plan tfmigrate/01_tfcodemod_default.hcl, then tfmigrate apply tfmigrate/01_tfcodemod_default.hcl');
    expect(existsSync(path.join(dir, 'moved.tf'))).toBe(false);
    expect(existsSync(path.join(dir, 'migrate-state.sh'))).toBe(false);
    const text = readFileSync(path.join(dir, 'tfmigrate', '01_tfcodemod_default.hcl'), 'utf8');
    const parsed = (await hclParse('01.hcl', text)) as { migration: { state: Record<string, { dir: string; actions: string[] }[]> } };
    const migration = parsed.migration.state['01_tfcodemod_default']![0]!;
    expect(migration.dir).toBe('.');
    expect(migration.actions).toEqual(moves.map((m) => `mv ${m.from.address} '${m.to.address}'`));
    expect(migration.actions[0]).toBe(`mv aws_instance.dev_web 'aws_instance.web["dev"]'`);
    expect(text).toContain('# Its terraform plan needs the secret values: TF_CLI_ARGS_plan="-var-file=secrets.tfvars" tfmigrate ...');
    // A second run has nothing left to do.
    expect(tfcodemod([...args, '--check'], dir).code).toBe(0);
  });

  it('tfmigrate refuses a backend change in the same run, and writes nothing', () => {
    const dir = legacyApp();
    const r = tfcodemod(['--strategy', 'for_each', '--migration-format', 'tfmigrate', '--backend-bucket', 'acme-state', '--write', '--allow-dirty'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('with --migration-format tfmigrate the backend change cannot be migrated with the moves');
    expect(existsSync(path.join(dir, 'tfmigrate'))).toBe(false);
    expect(readFileSync(path.join(dir, 'vpc.tf'), 'utf8')).toBe(readFileSync(path.join(projectRoot, 'examples', 'before', 'legacy-app', 'vpc.tf'), 'utf8'));
  });

  it('refuses formats that cannot carry the strategy, and unknown ones (exit 2)', () => {
    const dir = legacyApp();
    const moved = tfcodemod(['--migration-format', 'moved'], dir);
    expect([moved.code, moved.stderr]).toEqual([2, expect.stringContaining('--migration-format moved needs --strategy for_each')]);
    const tfm = tfcodemod(['--migration-format', 'tfmigrate'], dir);
    expect([tfm.code, tfm.stderr]).toEqual([2, expect.stringContaining('--migration-format tfmigrate needs --strategy for_each')]);
    const bad = tfcodemod(['--migration-format', 'terraform'], dir);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--migration-format takes script, tfmigrate, moved; got "terraform"')]);
    const strategy = tfcodemod(['--strategy', 'each'], dir);
    expect([strategy.code, strategy.stderr]).toEqual([2, expect.stringContaining('--strategy takes workspace or for_each; got "each"')]);
  });

  it('moved is the for_each default; the config file can choose the format', () => {
    const dir = legacyApp();
    const byDefault = tfcodemod(['--strategy', 'for_each', '--transforms', 'merge-environments', '--json'], dir);
    expect(movesOf(byDefault.stdout).every((m) => m.via === 'moved')).toBe(true);
    const configured = tempTree({ '.tfcodemod.json': JSON.stringify({ migrationFormat: 'script', mergeEnvironments: { strategy: 'for_each' } }) });
    cpSync(path.join(projectRoot, 'examples', 'before', 'legacy-app'), path.join(configured, 'app'), { recursive: true });
    const moves = movesOf(tfcodemod(['app', '--transforms', 'merge-environments', '--json'], configured).stdout);
    expect(moves.length).toBe(17); // web, postgres, web_sg, vpc, private_a in 3 environments; db_subnets in 2
    expect(moves.every((m) => m.via === undefined && m.to.workspace === 'default')).toBe(true);
    const wrong = tempTree({ '.tfcodemod.json': JSON.stringify({ migrationFormat: 'ansible' }), 'main.tf': '' });
    expect(tfcodemod(['.'], wrong).stderr).toContain('migrationFormat: expected one of script, tfmigrate, moved, got "ansible"');
  });
});

// --migration-format: how the state moves are delivered (script, tfmigrate files, moved blocks).
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StateMove } from '../../src/engine/types.js';
import { hclFormat, hclParse, projectRoot, tempTree, tfcodemod } from '../helpers.js';

/** The legacy app in a temp dir, with its .tfcodemod.json (a bucket: a plain run adds the S3 backend). */
function legacyApp(): string {
  const dir = tempTree({});
  cpSync(path.join(projectRoot, 'examples', 'before', 'legacy-app'), dir, { recursive: true });
  return dir;
}

/** The legacy app with its state in S3 (a full backend block, no partial configuration). */
const S3_BACKEND = `terraform {
  backend "s3" {
    bucket       = "acme-terraform-state"
    key          = "legacy-app/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}
`;
function legacyAppOnS3(): string {
  const dir = legacyApp();
  writeFileSync(path.join(dir, 'backend.tf'), S3_BACKEND);
  return dir;
}

/** The words of a tfmigrate action, split as a shell would (single quotes only, as tfcodemod writes them). */
const words = (action: string): string[] => [...action.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);

interface MultiState {
  from_dir: string;
  from_workspace: string;
  from_skip_plan: boolean;
  to_dir: string;
  to_workspace: string;
  to_skip_plan: boolean;
  actions: string[];
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
    expect(readdirSync(path.join(dir, 'tfmigrate'))).toEqual(['01_tfcodemod_default.hcl']); // no legacy-state: nothing crosses workspaces
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

  it('tfmigrate with the workspace strategy: one multi_state migration per workspace, from a legacy-state directory with the module\'s backend', async () => {
    const dir = legacyAppOnS3();
    const args = ['--migration-format', 'tfmigrate'];
    const moves = movesOf(tfcodemod([...args, '--json'], dir).stdout);
    expect(moves.length).toBeGreaterThan(0);
    expect(moves.every((m) => m.via === undefined && m.from.workspace === 'default' && m.to.workspace !== 'default')).toBe(true);
    const workspaces = [...new Set(moves.map((m) => m.to.workspace))];
    expect(workspaces).toEqual(['dev', 'staging', 'prod']); // the order the environments are declared in
    const r = tfcodemod([...args, '--write', '--allow-dirty'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'migrate-state.sh'))).toBe(false);
    expect(existsSync(path.join(dir, 'moved.tf'))).toBe(false);

    const names = workspaces.map((ws, i) => `${String(i + 1).padStart(2, '0')}_tfcodemod_${ws}`);
    expect(readdirSync(path.join(dir, 'tfmigrate')).sort()).toEqual([...names.map((n) => `${n}.hcl`), 'legacy-state'].sort());
    const actions: string[][] = [];
    for (const [i, name] of names.entries()) {
      const ws = workspaces[i]!;
      const text = readFileSync(path.join(dir, 'tfmigrate', `${name}.hcl`), 'utf8');
      expect(await hclFormat(text), `${name} is fmt-clean`).toBe(text);
      const parsed = (await hclParse(`${name}.hcl`, text)) as { migration: { multi_state: Record<string, MultiState[]> } };
      const { actions: own, ...fields } = parsed.migration.multi_state[name]![0]!;
      expect(fields).toEqual({ from_dir: 'tfmigrate/legacy-state', from_workspace: 'default', from_skip_plan: true, to_dir: '.', to_workspace: ws, to_skip_plan: true });
      for (const a of own) {
        const [verb, from, to, ...rest] = words(a);
        expect([verb, rest]).toEqual(['mv', []]);
        // Each action is one of this workspace's moves.
        expect(moves.filter((m) => m.to.workspace === ws).map((m) => [m.from.address, m.to.address])).toContainEqual([from, to]);
        actions.push([from!, to!]);
      }
      // What to run first, from the module directory, and the plan to check afterwards.
      expect(text).toContain(`terraform workspace select -or-create=true ${ws} && terraform workspace select default`);
      expect(text).toContain('terraform state pull > .tfcodemod-migration/backup/default.tfstate');
      expect(text).toContain(`terraform -chdir=tfmigrate/legacy-state init`);
      expect(text).toContain(`terraform workspace select ${ws} && terraform plan -input=false -var-file=secrets.tfvars -var-file=secrets/${ws}.tfvars -out=.tfcodemod-migration/${ws}.tfplan`);
      expect(r.stderr).toContain(`- from .: first what its header says (init, a backup, workspace ${ws}), then tfmigrate plan tfmigrate/${name}.hcl, then tfmigrate apply tfmigrate/${name}.hcl, then plan workspace ${ws}`);
    }
    // Every move exactly once, over all the files.
    const sorted = (pairs: string[][]) => pairs.map((p) => p.join(' -> ')).sort();
    expect(sorted(actions)).toEqual(sorted(moves.map((m) => [m.from.address, m.to.address])));
    // The summary lists the files in the order to run them.
    const at = names.map((n) => r.stderr.indexOf(`tfmigrate apply tfmigrate/${n}.hcl`));
    expect(at.every((x, i) => x >= 0 && (i === 0 || x > at[i - 1]!))).toBe(true);

    // The from side: the module's backend as written, with its version pins.
    const legacy = readFileSync(path.join(dir, 'tfmigrate', 'legacy-state', 'terraform.tf'), 'utf8');
    expect(await hclFormat(legacy)).toBe(legacy);
    type Settings = { terraform: { backend?: unknown; required_providers?: unknown; required_version?: string }[] };
    const settings = ((await hclParse('terraform.tf', legacy)) as Settings).terraform;
    const module = [...((await hclParse('backend.tf', S3_BACKEND)) as Settings).terraform, ...((await hclParse('versions.tf', readFileSync(path.join(dir, 'versions.tf'), 'utf8'))) as Settings).terraform];
    const pick = (blocks: Settings['terraform'], key: keyof Settings['terraform'][number]) => blocks.map((b) => b[key]).filter((v) => v !== undefined);
    expect(pick(settings, 'backend')).toEqual(pick(module, 'backend'));
    expect(pick(settings, 'required_providers')).toEqual(pick(module, 'required_providers'));
    expect(pick(settings, 'required_version')).toEqual(pick(module, 'required_version'));
    expect(legacy).toContain(S3_BACKEND.split('\n').slice(1, -2).join('\n')); // copied as written

    // A second run has nothing left to do, and does not take the generated directory for a module
    // of the tree (it would then be a second root, and --migration-script would be refused).
    const again = tfcodemod([...args, '--check'], dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/ of 1 module\b/);
    expect(tfcodemod([...args, '--check', '--migration-script', 'ops/migrate.sh'], dir).code).toBe(0);
  });

  it('tfmigrate with the workspace strategy refuses a module whose state is local, and writes nothing', () => {
    const dir = legacyApp();
    // Without s3-backend, which the example's config would run (a backend change is refused apart).
    const r = tfcodemod(['--migration-format', 'tfmigrate', '--transforms', 'merge-environments,extract-secrets,dedupe-providers', '--write', '--allow-dirty'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('with --migration-format tfmigrate, moves between workspaces need the state in a remote backend');
    expect(r.stderr).toContain('move the state first (--transforms s3-backend), then this');
    expect(existsSync(path.join(dir, 'tfmigrate'))).toBe(false);
    expect(existsSync(path.join(dir, 'migrate-state.sh'))).toBe(false);
    expect(readFileSync(path.join(dir, 'vpc.tf'), 'utf8')).toBe(readFileSync(path.join(projectRoot, 'examples', 'before', 'legacy-app', 'vpc.tf'), 'utf8'));
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

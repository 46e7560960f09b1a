// The migration scripts, run with bash against the fake terraform (test/fake-terraform): the
// backend-only script the CLI writes for examples/before/legacy-app, and scripts rendered from
// hand-built plans that split the legacy default workspace into dev and prod. Each is run dry,
// for real, interrupted midway and run again, and rolled back; the states are checked instance by
// instance, the order of the pushes in the fake's log, and that -force is never used outside
// --rollback (-force-copy aside).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderMigrationScript, type MigrationPlan } from '../../src/engine/migration.js';
import type { StateMove } from '../../src/engine/types.js';
import {
  addresses,
  fakeBin,
  projectRoot,
  readLog,
  readState,
  run,
  sandbox,
  snapshot,
  stateText,
  tf,
  writeFiles,
  type Sandbox,
  type State,
  type StateResource,
} from '../fake-terraform/harness.js';
import { builtCli } from '../helpers.js';

const hcl2json = createRequire(import.meta.url)('@cdktf/hcl2json') as { parse(name: string, text: string): Promise<Record<string, unknown>> };

const script = (sb: Sandbox, args: string[] = [], env: Record<string, string> = {}) => run(sb, './migrate-state.sh', args, env);

/** -force anywhere in the log, except -force-copy (init's answer to its copy prompts). */
const forces = (log: string[][]) => log.flat().filter((a) => a.startsWith('-force') && a !== '-force-copy');

/** Log entries written after the first `from` entries. */
const since = (sb: Sandbox, from: number) => readLog(sb).slice(from);

const indexOf = (log: string[][], entry: string[], after = -1) => log.findIndex((e, i) => i > after && e.join(' ') === entry.join(' '));

// -------------------------------------------------------------------------------------------
// a. Backend only: the script the CLI writes for the bundled example (local state → S3).

describe('migration script: backend only (examples/before/legacy-app, local → S3)', () => {
  let template: string;
  let managed: string[];
  let outputs: string[];

  beforeAll(async () => {
    template = mkdtempSync(path.join(os.tmpdir(), 'tfcodemod-legacy-app-'));
    cpSync(path.join(projectRoot, 'examples', 'before', 'legacy-app'), template, { recursive: true });
    // Every transform but merge-environments: no state moves, so the script only migrates the backend.
    execFileSync('node', [builtCli, '--write', '--allow-dirty', '--transforms', 'dedupe-providers,extract-secrets,s3-backend'], { cwd: template, stdio: 'pipe' });
    // The module's managed resources and outputs, as the user's state holds them.
    managed = [];
    outputs = [];
    for (const name of readdirSync(template).filter((n) => n.endsWith('.tf'))) {
      const json = await hcl2json.parse(name, readFileSync(path.join(template, name), 'utf8'));
      for (const [type, byName] of Object.entries((json.resource ?? {}) as Record<string, object>)) for (const n of Object.keys(byName)) managed.push(`${type}.${n}`);
      outputs.push(...Object.keys((json.output ?? {}) as object));
    }
  }, 120_000);

  const S3_STATE = 'acme-terraform-state/terraform.tfstate';
  const S3_STAGING = 'acme-terraform-state/workspaces/staging/terraform.tfstate';

  function stateOf(workspace: string): string {
    const resources: StateResource[] = managed.map((a) => {
      const [type, name] = a.split('.') as [string, string];
      return { type, name, instances: [{ attributes: { id: `${workspace}:${a}` } }] };
    });
    const outs = Object.fromEntries(outputs.map((o) => [o, { value: `${workspace}:${o}`, type: 'string' }]));
    return stateText({ lineage: `legacy-${workspace}`, serial: 12, resources, outputs: outs });
  }

  /** A copy of the rewritten example, with the states of the user's old local setup. */
  function legacyApp(opts: { recorded: boolean }): Sandbox {
    const sb = sandbox();
    cpSync(template, sb.dir, { recursive: true });
    writeFiles(sb.dir, {
      'terraform.tfstate': stateOf('default'),
      'terraform.tfstate.d/staging/terraform.tfstate': stateOf('staging'),
      // A workspace that was created and never applied: nothing to copy, nothing to verify.
      'terraform.tfstate.d/qa/.keep': '',
    });
    rmSync(path.join(sb.dir, 'terraform.tfstate.d/qa/.keep'));
    if (opts.recorded) {
      writeFiles(sb.dir, { '.terraform/terraform.tfstate': JSON.stringify({ version: 3, backend: { type: 'local', config: { path: null, workspace_dir: null }, hash: 0 } }) });
    }
    return sb;
  }

  it('the CLI wrote a backend-only script: backups, then init -migrate-state -force-copy, then plans', () => {
    const text = readFileSync(path.join(template, 'migrate-state.sh'), 'utf8');
    expect(text).toContain('run terraform init -input=false -migrate-state -force-copy -backend-config=backend.s3.tfbackend');
    expect(text).not.toContain('state mv');
    expect(text).toContain('-var-file=secrets.tfvars');
  });

  it('dry run changes nothing; the run copies every workspace to S3, keeps backups, plans clean; a re-run is harmless', () => {
    const sb = legacyApp({ recorded: true });
    const before = snapshot(sb.dir);

    const dry = script(sb, ['--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('+ terraform init -input=false -migrate-state -force-copy -backend-config=backend.s3.tfbackend');
    expect(dry.stdout).toContain('migrate-state.sh: dry run; nothing was changed');
    expect(snapshot(sb.dir)).toEqual(before);
    expect(snapshot(sb.s3)).toEqual({});
    expect(readLog(sb)).toEqual([]);

    const first = script(sb);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('workspace default: no changes');
    expect(first.stdout).toContain('workspace staging: no changes');
    expect(first.stdout).toContain('workspace qa: no state to verify');
    expect(first.stdout).toContain('migrate-state.sh: done');
    expect(readFileSync(path.join(sb.s3, S3_STATE), 'utf8')).toBe(stateOf('default'));
    expect(readFileSync(path.join(sb.s3, S3_STAGING), 'utf8')).toBe(stateOf('staging'));
    expect(readFileSync(path.join(sb.dir, '.tfcodemod-migration/backup/local/terraform.tfstate'), 'utf8')).toBe(stateOf('default'));
    expect(readFileSync(path.join(sb.dir, '.tfcodemod-migration/backup/local/workspaces/staging/terraform.tfstate'), 'utf8')).toBe(stateOf('staging'));
    const plans = readLog(sb).filter((e) => e[0] === 'plan');
    expect(plans).toHaveLength(2);
    for (const p of plans) expect(p).toContain('-var-file=secrets.tfvars');
    expect(forces(readLog(sb))).toEqual([]);

    const logged = readLog(sb).length;
    const s3 = snapshot(sb.s3);
    const again = script(sb);
    expect(again.code, again.stderr).toBe(0);
    expect(snapshot(sb.s3)).toEqual(s3);
    expect(since(sb, logged).filter((e) => e[0] === 'init' || e[1] === 'push' || e[1] === 'mv')).toEqual([]);
  });

  it('interrupted at init, a re-run completes; the backup still holds the original states; a third run is harmless', () => {
    const sb = legacyApp({ recorded: true });
    const broken = script(sb, [], { FAKE_TF_FAIL: 'init' });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('migrate-state.sh: failed at line');
    expect(snapshot(sb.s3)).toEqual({});
    expect(existsSync(path.join(sb.dir, '.tfcodemod-migration/done.backend'))).toBe(false);

    const resumed = script(sb);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(readFileSync(path.join(sb.s3, S3_STATE), 'utf8')).toBe(stateOf('default'));
    expect(readFileSync(path.join(sb.s3, S3_STAGING), 'utf8')).toBe(stateOf('staging'));
    expect(readFileSync(path.join(sb.dir, '.tfcodemod-migration/backup/local/terraform.tfstate'), 'utf8')).toBe(stateOf('default'));
    expect(readLog(sb).filter((e) => e[0] === 'init')).toHaveLength(2);

    const s3 = snapshot(sb.s3);
    expect(script(sb).code).toBe(0);
    expect(snapshot(sb.s3)).toEqual(s3);
    expect(readLog(sb).filter((e) => e[0] === 'init')).toHaveLength(2);
    expect(forces(readLog(sb))).toEqual([]);
  });

  it('without a backend record (no backend block before): init copies and empties the local files; --rollback puts them back', () => {
    const sb = legacyApp({ recorded: false });
    const first = script(sb);
    expect(first.code, first.stderr).toBe(0);
    expect(readFileSync(path.join(sb.s3, S3_STATE), 'utf8')).toBe(stateOf('default'));
    expect(readFileSync(path.join(sb.dir, 'terraform.tfstate'), 'utf8'), 'Terraform empties the local state it migrated').toBe('');

    const back = script(sb, ['--rollback']);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stderr).toContain('delete .terraform/terraform.tfstate');
    expect(readFileSync(path.join(sb.dir, 'terraform.tfstate'), 'utf8')).toBe(stateOf('default'));
    expect(readFileSync(path.join(sb.dir, 'terraform.tfstate.d/staging/terraform.tfstate'), 'utf8')).toBe(stateOf('staging'));
    // What the user does next, as the script says: old .tf files, no record of S3.
    cpSync(path.join(projectRoot, 'examples', 'before', 'legacy-app'), sb.dir, { recursive: true });
    rmSync(path.join(sb.dir, '.terraform/terraform.tfstate'));
    const list = tf(sb, ['state', 'list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout.trim().split('\n').length).toBe(managed.length);
  });
});

// -------------------------------------------------------------------------------------------
// b. Workspace split: the legacy default workspace holds every environment's copy.

const CONFIG = `variable "db_password" {
  type      = string
  sensitive = true
}

resource "aws_vpc" "vpc" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "private" {
  count  = 2
  vpc_id = aws_vpc.vpc.id
}

output "vpc_id" {
  value = aws_vpc.vpc.id
}
`;
const S3_CONFIG = `${CONFIG}
terraform {
  backend "s3" {
    key                  = "app/terraform.tfstate"
    workspace_key_prefix = "workspaces"
  }
}
`;
const ENVS = ['dev', 'prod'] as const;

function legacyResources(): StateResource[] {
  return ENVS.flatMap((env): StateResource[] => [
    { type: 'aws_vpc', name: `${env}_vpc`, instances: [{ attributes: { id: `vpc-${env}` } }] },
    { type: 'aws_subnet', name: `${env}_private`, each: 'list', instances: [0, 1].map((i) => ({ index_key: i, attributes: { id: `subnet-${env}-${i}` } })) },
  ]);
}
const LEGACY = stateText({ lineage: 'legacy', serial: 41, resources: legacyResources(), outputs: { dev_vpc_id: { value: 'vpc-dev', type: 'string' } } });
/** Every object: its id, where it must end up. */
const EXPECTED = ENVS.flatMap((env) => [
  [`vpc-${env}`, `${env}:aws_vpc.vpc`],
  [`subnet-${env}-0`, `${env}:aws_subnet.private[0]`],
  [`subnet-${env}-1`, `${env}:aws_subnet.private[1]`],
]).sort();

const MOVES: StateMove[] = ENVS.flatMap((env) => [
  { from: { workspace: 'default', address: `aws_vpc.${env}_vpc` }, to: { workspace: env, address: 'aws_vpc.vpc' } },
  { from: { workspace: 'default', address: `aws_subnet.${env}_private` }, to: { workspace: env, address: 'aws_subnet.private' } },
]);

function planFor(over: Partial<MigrationPlan> = {}): MigrationPlan {
  return {
    modulePath: '.',
    toolVersion: 'test',
    moves: MOVES,
    backend: null,
    stateIsLocal: true,
    localStatePath: 'terraform.tfstate',
    localWorkspaceDir: 'terraform.tfstate.d',
    varFiles: ['secrets.tfvars'],
    ...over,
  };
}

/** A module whose configuration is already merged, with the legacy state in workspace default. */
function splitModule(plan: MigrationPlan, config = CONFIG): Sandbox {
  const sb = sandbox({ 'main.tf': config, 'secrets.tfvars': 'db_password = "x"\n', 'migrate-state.sh': renderMigrationScript(plan) });
  execFileSync('chmod', ['+x', path.join(sb.dir, 'migrate-state.sh')]);
  if (plan.stateIsLocal) writeFiles(sb.dir, { 'terraform.tfstate': LEGACY });
  return sb;
}

/** id → every place (workspace:address) it is found, over the given states. */
function placements(states: Record<string, State | null>): [string, string][] {
  const found: [string, string][] = [];
  for (const [ws, s] of Object.entries(states)) {
    for (const r of s?.resources ?? []) {
      for (const i of r.instances) found.push([String(i.attributes.id), `${ws}:${r.type}.${r.name}${i.index_key === undefined ? '' : `[${i.index_key}]`}`]);
    }
  }
  return found.sort();
}

const localStates = (sb: Sandbox): Record<string, State | null> => ({
  default: readState(path.join(sb.dir, 'terraform.tfstate')),
  ...Object.fromEntries(ENVS.map((e) => [e, readState(path.join(sb.dir, 'terraform.tfstate.d', e, 'terraform.tfstate'))])),
});

/** Destination pushed before source, for every destination, in the log. */
function expectDestinationFirst(log: string[][]): void {
  let after = -1;
  for (const env of ENVS) {
    const select = indexOf(log, ['workspace', 'select', env], after);
    const dst = indexOf(log, ['state', 'push', `.tfcodemod-migration/${env}.tfstate`], after);
    const src = indexOf(log, ['state', 'push', '.tfcodemod-migration/default.tfstate'], dst);
    expect(select, `select ${env}`).toBeGreaterThan(after);
    expect(dst, `push ${env}`).toBeGreaterThan(select);
    expect(src, `push default after ${env}`).toBeGreaterThan(dst);
    expect(log[src - 1]).toEqual(['workspace', 'select', 'default']);
    after = src;
  }
}

describe('migration script: workspace split (default → dev, prod)', () => {
  it('dry run changes nothing; the run moves each instance exactly once, destination before source; plans clean; a re-run is harmless', () => {
    const sb = splitModule(planFor());
    const before = snapshot(sb.dir);
    const dry = script(sb, ['--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("+ terraform state mv -state=.tfcodemod-migration/default.tfstate -state-out=.tfcodemod-migration/dev.tfstate aws_subnet.dev_private aws_subnet.private");
    expect(snapshot(sb.dir)).toEqual(before);
    expect(readLog(sb)).toEqual([]);

    const first = script(sb);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('workspace dev: no resource actions (only moves or output changes)');
    expect(first.stdout).toContain('workspace prod: no resource actions (only moves or output changes)');
    expect(placements(localStates(sb))).toEqual(EXPECTED);
    expect(addresses(localStates(sb).default)).toEqual([]);
    expect(readFileSync(path.join(sb.dir, '.tfcodemod-migration/backup/local/terraform.tfstate'), 'utf8')).toBe(LEGACY);
    expectDestinationFirst(readLog(sb));
    expect(readLog(sb).filter((e) => e[0] === 'plan').map((e) => e.includes('-var-file=secrets.tfvars'))).toEqual([true, true]);
    expect(readLog(sb).filter((e) => e[0] === 'init'), 'an unchanged backend needs no init').toEqual([]);
    expect(forces(readLog(sb))).toEqual([]);

    const states = snapshot(path.join(sb.dir, 'terraform.tfstate.d'));
    const again = script(sb);
    expect(again.code, again.stderr).toBe(0);
    expect(snapshot(path.join(sb.dir, 'terraform.tfstate.d'))).toEqual(states);
    expect(placements(localStates(sb))).toEqual(EXPECTED);
  });

  it('interrupted between the two pushes, a re-run completes without duplicating or losing anything', () => {
    const sb = splitModule(planFor());
    const broken = script(sb, [], { FAKE_TF_FAIL: 'state push .tfcodemod-migration/default.tfstate' });
    expect(broken.code).toBe(1);
    // dev got its objects; default still has everything: nothing is lost.
    const mid = placements(localStates(sb));
    expect(mid.filter(([, where]) => where.startsWith('dev:')).map(([id]) => id)).toEqual(['subnet-dev-0', 'subnet-dev-1', 'vpc-dev']);
    expect(addresses(localStates(sb).default)).toHaveLength(6);
    expect(localStates(sb).prod).toBeNull();

    const logged = readLog(sb).length;
    const resumed = script(sb);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(placements(localStates(sb))).toEqual(EXPECTED);
    const rerun = since(sb, logged);
    expect(rerun).toContainEqual(['state', 'rm', '-state=.tfcodemod-migration/default.tfstate', 'aws_vpc.dev_vpc']);
    expectDestinationFirst(rerun);
    expect(readFileSync(path.join(sb.dir, '.tfcodemod-migration/backup/local/terraform.tfstate'), 'utf8')).toBe(LEGACY);
    expect(forces(readLog(sb))).toEqual([]);
  });

  it('--rollback puts the legacy state back and removes the workspaces the split created', () => {
    const sb = splitModule(planFor());
    expect(script(sb).code).toBe(0);
    const back = script(sb, ['--rollback']);
    expect(back.code, back.stderr).toBe(0);
    expect(readFileSync(path.join(sb.dir, 'terraform.tfstate'), 'utf8')).toBe(LEGACY);
    expect(existsSync(path.join(sb.dir, 'terraform.tfstate.d'))).toBe(false);
    expect(tf(sb, ['workspace', 'list']).stdout).toBe('* default\n\n');
    expect(existsSync(path.join(sb.dir, '.tfcodemod-migration/done.backup'))).toBe(false);
    // And the migration can run again from there.
    expect(script(sb).code).toBe(0);
    expect(placements(localStates(sb))).toEqual(EXPECTED);
  });

  it('refuses to run with TF_WORKSPACE set (exit 2) and touches nothing', () => {
    const sb = splitModule(planFor());
    const before = snapshot(sb.dir);
    for (const args of [[], ['--rollback'], ['--dry-run']]) {
      const r = script(sb, args, { TF_WORKSPACE: 'dev' });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('TF_WORKSPACE is set');
    }
    expect(snapshot(sb.dir)).toEqual(before);
    expect(readLog(sb)).toEqual([]);
  });

  it('stops, before any push, when a destination already holds the address', () => {
    const sb = splitModule(planFor());
    writeFiles(sb.dir, { 'terraform.tfstate.d/dev/terraform.tfstate': stateText({ lineage: 'dev', serial: 3, resources: [{ type: 'aws_vpc', name: 'vpc', instances: [{ attributes: { id: 'vpc-other' } }] }] }) });
    const r = script(sb);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('aws_vpc.vpc is already in the destination workspace');
    expect(readLog(sb).filter((e) => e[1] === 'push')).toEqual([]);
    expect(readFileSync(path.join(sb.dir, 'terraform.tfstate'), 'utf8')).toBe(LEGACY);
  });

  it('the same without jq: node reads the states and plans', () => {
    const sb = splitModule(planFor());
    const r = script(sb, [], { PATH: `${fakeBin}${path.delimiter}${pathWithout('jq')}` });
    expect(r.code, r.stderr).toBe(0);
    expect(placements(localStates(sb))).toEqual(EXPECTED);
    expect(r.stdout).toContain('workspace prod: no resource actions');
  });
});

describe('migration script: workspace split and backend change together (local → S3)', () => {
  const plan = planFor({ backend: { kind: 'backend', backendConfigFile: 'backend.s3.tfbackend', localStatePath: 'terraform.tfstate', localWorkspaceDir: 'terraform.tfstate.d' } });
  const s3States = (sb: Sandbox): Record<string, State | null> => ({
    default: readState(path.join(sb.s3, 'state/app/terraform.tfstate')),
    ...Object.fromEntries(ENVS.map((e) => [e, readState(path.join(sb.s3, 'state/workspaces', e, 'app/terraform.tfstate'))])),
  });
  const module = () => {
    const sb = splitModule(plan, S3_CONFIG);
    writeFiles(sb.dir, { 'backend.s3.tfbackend': 'bucket = "state"\nregion = "eu-west-1"\n' });
    return sb;
  };

  it('splits under the pinned local backend, removes the override, then copies every workspace to S3', () => {
    const sb = module();
    const r = script(sb);
    expect(r.code, r.stderr).toBe(0);
    expect(placements(s3States(sb))).toEqual(EXPECTED);
    expect(existsSync(path.join(sb.dir, '_tfcodemod_override.tf'))).toBe(false);
    const log = readLog(sb);
    const pin = indexOf(log, ['init', '-input=false', '-reconfigure', '-force-copy']);
    const migrate = indexOf(log, ['init', '-input=false', '-migrate-state', '-force-copy', '-backend-config=backend.s3.tfbackend']);
    expect(pin).toBe(0);
    expect(migrate).toBeGreaterThan(log.findLastIndex((e) => e[1] === 'push'));
    expectDestinationFirst(log);
    expect(forces(log)).toEqual([]);
  });

  it('interrupted at the backend migration, a re-run completes (the override is gone meanwhile)', () => {
    const sb = module();
    const broken = script(sb, [], { FAKE_TF_FAIL: 'init -input=false -migrate-state' });
    expect(broken.code).toBe(1);
    expect(existsSync(path.join(sb.dir, '_tfcodemod_override.tf'))).toBe(false);
    expect(placements(localStates(sb))).toEqual(EXPECTED);
    const resumed = script(sb);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(placements(s3States(sb))).toEqual(EXPECTED);
    expect(readLog(sb).filter((e) => e.includes('-reconfigure'))).toHaveLength(1);
  });

  it('interrupted in the split, a re-run pins the local backend again and completes', () => {
    const sb = module();
    const broken = script(sb, [], { FAKE_TF_FAIL: 'state push .tfcodemod-migration/prod.tfstate' });
    expect(broken.code).toBe(1);
    expect(existsSync(path.join(sb.dir, '_tfcodemod_override.tf'))).toBe(false);
    const resumed = script(sb);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(placements(s3States(sb))).toEqual(EXPECTED);
  });
});

describe('migration script: workspace split of a state already in S3', () => {
  it('pulls and pushes through S3 (no override), and --rollback restores it', () => {
    const plan = planFor({ stateIsLocal: false, localStatePath: '', localWorkspaceDir: '' });
    const sb = splitModule(plan, S3_CONFIG);
    writeFiles(sb.dir, { 'backend.s3.tfbackend': 'bucket = "state"\nregion = "eu-west-1"\n' });
    writeFiles(sb.s3, { 'state/app/terraform.tfstate': LEGACY });
    expect(tf(sb, ['init', '-input=false', '-backend-config=backend.s3.tfbackend']).code).toBe(0);
    const s3States = (): Record<string, State | null> => ({
      default: readState(path.join(sb.s3, 'state/app/terraform.tfstate')),
      ...Object.fromEntries(ENVS.map((e) => [e, readState(path.join(sb.s3, 'state/workspaces', e, 'app/terraform.tfstate'))])),
    });

    const r = script(sb);
    expect(r.code, r.stderr).toBe(0);
    expect(placements(s3States())).toEqual(EXPECTED);
    expect(readFileSync(path.join(sb.dir, '.tfcodemod-migration/backup/pulled/default.tfstate'), 'utf8')).toBe(LEGACY);
    expect(readLog(sb).filter((e) => e[0] === 'init')).toHaveLength(1);
    expect(forces(readLog(sb))).toEqual([]);

    const back = script(sb, ['--rollback']);
    expect(back.code, back.stderr).toBe(0);
    expect(addresses(s3States().default)).toEqual(addresses(JSON.parse(LEGACY) as State));
    expect(tf(sb, ['workspace', 'list']).stdout).toBe('* default\n\n');
  });
});

/** A PATH with every program of the current PATH except `name`. */
function pathWithout(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `tfcodemod-no-${name}-`));
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  const seen = new Set<string>([name]);
  for (const p of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!p || !existsSync(p)) continue;
    for (const entry of readdirSync(p)) {
      if (seen.has(entry)) continue;
      seen.add(entry);
      symlinkSync(path.join(p, entry), path.join(bin, entry));
    }
  }
  return bin;
}

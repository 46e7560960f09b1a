// The migration of the bundled legacy app (examples/before/legacy-app) end to end, against the fake
// terraform (test/fake-terraform), whose plan renders the configuration per workspace and compares
// resource instances. The real CLI rewrites a copy (--write: merge-environments, extract-secrets,
// the S3 backend...); the copy gets the legacy state (every managed instance the legacy
// configuration declares, in workspace default, each with attributes of its own) and the script
// runs: dry, for real, interrupted and resumed, and again. Every legacy object must end up exactly
// once, where the run's --json moves say, with its attributes, in the fake S3. The for_each
// strategy has no state moves in its script: its moved blocks must plan as moves only.
// Needs the project built (the global setup of the tests builds it).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initParser, parseHcl } from '../../src/cst/parser.js';
import { lineEndingOf } from '../../src/cst/text.js';
import type { StateMove } from '../../src/engine/types.js';
import { renderModule } from '../../src/render/render.js';
import { ModuleIndex, type SourceFile } from '../../src/terraform/module-index.js';
import {
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

const CLI = builtCli;
const LEGACY_APP = path.join(projectRoot, 'examples', 'before', 'legacy-app');
const ENVS = ['dev', 'staging', 'prod'] as const;
/** Where the fake S3 keeps the states (examples/before/legacy-app/.tfcodemod.json, s3-backend's defaults). */
const S3_DEFAULT = 'acme-terraform-state/terraform.tfstate';
const s3Key = (ws: string) => (ws === 'default' ? S3_DEFAULT : `acme-terraform-state/workspaces/${ws}/terraform.tfstate`);
/** The record of an initialized local backend, as `terraform init` leaves it. */
const LOCAL_RECORD = JSON.stringify({ version: 3, backend: { type: 'local', config: { path: null, workspace_dir: null }, hash: 0 } });

const script = (sb: Sandbox, args: string[] = [], env: Record<string, string> = {}) => run(sb, './migrate-state.sh', args, env);
const since = (sb: Sandbox, from: number) => readLog(sb).slice(from);
/** Log entries that change a state or a backend. */
const writes = (log: string[][]) => log.filter((e) => e[0] === 'init' || ['push', 'mv', 'rm'].includes(e[1] ?? ''));

/** A copy of the legacy app rewritten by the CLI with `args`; returns its directory. */
function cli(args: string[], example = LEGACY_APP): { dir: string; stdout: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tfcodemod-merge-'));
  cpSync(example, dir, { recursive: true });
  const stdout = execFileSync('node', [CLI, ...args, '--allow-dirty'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { dir, stdout };
}

function movesOf(report: string): StateMove[] {
  const json = JSON.parse(report) as { modules: { changes: { moves: StateMove[] }[] }[] };
  return json.modules.flatMap((m) => m.changes.flatMap((c) => c.moves));
}

// -------------------------------------------------------------------------------------------
// The legacy state: every managed instance of examples/before/legacy-app, rendered by the renderer.

interface LegacyObject {
  address: string;
  attributes: Record<string, unknown>;
}

async function legacyObjects(dir = LEGACY_APP): Promise<LegacyObject[]> {
  await initParser();
  const files: SourceFile[] = readdirSync(dir)
    .filter((n) => n.endsWith('.tf'))
    .sort()
    .map((name) => {
      const text = readFileSync(path.join(dir, name), 'utf8');
      return { name, text, tree: parseHcl(text), eol: lineEndingOf(text) };
    });
  try {
    const rendered = renderModule(new ModuleIndex(files), { workspace: 'default', variables: new Map(), readFile: () => null });
    expect(rendered.problems).toEqual([]);
    return [...rendered.instances]
      .filter(([, i]) => i.mode === 'managed')
      .map(([address], n) => ({ address, attributes: { id: `obj-${n}`, arn: `arn:aws:legacy:::${address}`, tags: { Legacy: address } } }));
  } finally {
    for (const f of files) f.tree.delete();
  }
}

const ADDRESS = /^((?:module\.[A-Za-z0-9_-]+\.)*)([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)(?:\[(.+)\])?$/;

/** The resources of a state holding `objects` (root or module addresses). */
function resourcesOf(objects: LegacyObject[]): StateResource[] {
  const resources: StateResource[] = [];
  for (const o of objects) {
    const [, prefix, type, name, key] = ADDRESS.exec(o.address)!;
    const module = prefix ? prefix.slice(0, -1) : undefined;
    let r = resources.find((x) => x.type === type && x.name === name && x.module === module);
    if (!r) resources.push((r = { ...(module ? { module } : {}), type: type!, name: name!, instances: [] }));
    r.instances.push({ ...(key !== undefined ? { index_key: JSON.parse(key) as number | string } : {}), attributes: o.attributes });
  }
  return resources;
}

function legacyStateText(objects: LegacyObject[]): string {
  const resources = resourcesOf(objects);
  // What state mv does not carry: a data source read and the root outputs (one of them a secret).
  resources.push({ mode: 'data', type: 'aws_ami', name: 'ubuntu', instances: [{ attributes: { id: 'ami-0abc' } }] });
  const outputs = {
    dev_vpc_id: { value: 'vpc-dev', type: 'string' },
    prod_db_password: { value: 'prod-Secr3t!', type: 'string', sensitive: true },
  };
  return stateText({ lineage: 'legacy-app', serial: 57, resources, outputs });
}

/** A copy of a rewritten module holding the legacy state in the local backend. */
function seeded(template: string, legacyState: string, backendRecord = true): Sandbox {
  const sb = sandbox();
  cpSync(template, sb.dir, { recursive: true });
  // Without a backend block, init records no backend (the implicit local one).
  writeFiles(sb.dir, { 'terraform.tfstate': legacyState, ...(backendRecord ? { '.terraform/terraform.tfstate': LOCAL_RECORD } : {}) });
  return sb;
}

/** Every instance of the given states: [workspace:address, attributes]. */
function objectsIn(states: Record<string, State | null>): [string, Record<string, unknown>][] {
  const found: [string, Record<string, unknown>][] = [];
  for (const [ws, s] of Object.entries(states)) {
    for (const r of s?.resources ?? []) {
      for (const i of r.instances) {
        const key = i.index_key === undefined ? '' : `[${JSON.stringify(i.index_key)}]`;
        found.push([`${ws}:${r.module ? `${r.module}.` : ''}${r.type}.${r.name}${key}`, i.attributes]);
      }
    }
  }
  return found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const s3States = (sb: Sandbox): Record<string, State | null> =>
  Object.fromEntries(['default', ...ENVS].map((ws) => [ws, readState(path.join(sb.s3, s3Key(ws)))]));
const localStates = (sb: Sandbox): Record<string, State | null> => ({
  default: readState(path.join(sb.dir, 'terraform.tfstate')),
  ...Object.fromEntries(ENVS.map((ws) => [ws, readState(path.join(sb.dir, 'terraform.tfstate.d', ws, 'terraform.tfstate'))])),
});

interface PlannedChange {
  address: string;
  previous_address?: string;
  change: { actions: string[] };
}

/** `terraform plan -detailed-exitcode` in a workspace, and its changes from `show -json`. */
function plan(sb: Sandbox, workspace: string, varFiles: string[]): { code: number; stderr: string; changes: PlannedChange[] } {
  expect(tf(sb, ['workspace', 'select', workspace]).code).toBe(0);
  const out = `plan-${workspace}.tfplan`;
  const r = tf(sb, ['plan', '-input=false', '-detailed-exitcode', `-out=${out}`, ...varFiles.map((f) => `-var-file=${f}`)]);
  const changes = r.code === 1 ? [] : (JSON.parse(tf(sb, ['show', '-json', out]).stdout) as { resource_changes: PlannedChange[] }).resource_changes;
  return { code: r.code, stderr: r.stderr, changes };
}

let objects: LegacyObject[];
let legacyState: string;

beforeAll(async () => {
  expect(existsSync(CLI), 'build the project first: npm run build').toBe(true);
  objects = await legacyObjects();
  legacyState = legacyStateText(objects);
}, 60_000);

// -------------------------------------------------------------------------------------------

describe('merge-environments, workspace strategy: the migration of examples/before/legacy-app', () => {
  let template: string;
  let moves: StateMove[];
  /** Every legacy object where the moves say it goes: [workspace:address, attributes], sorted. */
  let expected: [string, Record<string, unknown>][];

  beforeAll(() => {
    moves = movesOf(cli(['--json']).stdout);
    template = cli(['--write']).dir;
    const byAddress = new Map(objects.map((o) => [o.address, o]));
    expected = moves
      .map((m): [string, Record<string, unknown>] => [`${m.to.workspace}:${m.to.address}`, byAddress.get(m.from.address)?.attributes ?? { missing: m.from.address }])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }, 120_000);

  it('the run moves every legacy instance once, from workspace default into one of dev, staging, prod', () => {
    expect(moves.every((m) => m.from.workspace === 'default' && ENVS.includes(m.to.workspace as (typeof ENVS)[number]) && m.via === undefined)).toBe(true);
    expect(moves.map((m) => m.from.address).sort()).toEqual(objects.map((o) => o.address).sort());
    expect(new Set(moves.map((m) => `${m.to.workspace}:${m.to.address}`)).size).toBe(moves.length);
    for (const ws of ENVS) expect(existsSync(path.join(template, 'secrets', `${ws}.tfvars`)), `secrets/${ws}.tfvars`).toBe(true);
  });

  it('dry run changes nothing; the run puts every object where the moves say, in S3, and plans clean; a re-run is harmless', () => {
    const sb = seeded(template, legacyState);
    const before = snapshot(sb.dir);
    const dry = script(sb, ['--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout.split('\n').filter((l) => l.startsWith('+ terraform state mv '))).toHaveLength(moves.length);
    expect(dry.stdout).toContain('+ terraform init -input=false -migrate-state -force-copy -backend-config=backend.s3.tfbackend');
    expect(dry.stdout).toContain('migrate-state.sh: dry run; nothing was changed');
    expect(snapshot(sb.dir)).toEqual(before);
    expect(snapshot(sb.s3)).toEqual({});
    expect(readLog(sb)).toEqual([]);

    const first = script(sb);
    expect(first.code, first.stderr).toBe(0);
    expectMigrated(sb, first.stdout);

    // The script's verification, done again by hand: each workspace plans its own objects as no-ops.
    for (const ws of ENVS) {
      const p = plan(sb, ws, ['secrets.tfvars', `secrets/${ws}.tfvars`]);
      expect(p.code, p.stderr).toBe(2); // root outputs: state mv does not carry them
      expect(p.changes.filter((c) => c.change.actions.join() !== 'no-op')).toEqual([]);
      expect(p.changes.map((c) => `${ws}:${c.address}`).sort()).toEqual(expected.filter(([a]) => a.startsWith(`${ws}:`)).map(([a]) => a));
    }

    const logged = readLog(sb).length;
    const s3 = snapshot(sb.s3);
    const again = script(sb);
    expect(again.code, again.stderr).toBe(0);
    expect(snapshot(sb.s3)).toEqual(s3);
    expect(writes(since(sb, logged))).toEqual([]);
  }, 240_000);

  /** Every object once, where the moves say, attributes intact; default empty; the plans passed. */
  function expectMigrated(sb: Sandbox, stdout: string): void {
    expect(objectsIn(s3States(sb))).toEqual(expected);
    // Workspace default holds nothing: no resources, data sources or outputs (the legacy secret).
    const legacyDefault = s3States(sb).default;
    expect([legacyDefault?.resources ?? [], legacyDefault?.outputs ?? {}], 'workspace default is empty in S3').toEqual([[], {}]);
    expect(snapshot(sb.s3)[S3_DEFAULT] ?? '').not.toContain('prod-Secr3t!');
    for (const ws of ENVS) expect(existsSync(path.join(sb.s3, s3Key(ws))), `S3 holds workspace ${ws}`).toBe(true);
    expect(objectsIn({ default: localStates(sb).default }), 'nothing is left in the local default').toEqual([]);
    for (const ws of ENVS) expect(stdout).toMatch(new RegExp(`^workspace ${ws}: no (changes|resource actions)`, 'm'));
    expect(stdout).toContain('migrate-state.sh: done');
    const plans = readLog(sb).filter((e) => e[0] === 'plan');
    for (const ws of ENVS) expect(plans.some((p) => p.includes(`-var-file=secrets/${ws}.tfvars`) && p.includes('-var-file=secrets.tfvars')), `plan of ${ws}`).toBe(true);
    expect(plans.every((p) => p.filter((a) => a.startsWith('-var-file=secrets/')).length === 1)).toBe(true);
  }

  it.each([
    ['the source push after dev (dev holds its objects, default still does too)', 'state push .tfcodemod-migration/default.tfstate'],
    ['the destination push of staging (nothing reached staging)', 'state push .tfcodemod-migration/staging.tfstate'],
  ])('interrupted at %s: nothing is lost, a re-run completes with the same end state, a third run is harmless', (_what, failAt) => {
    const sb = seeded(template, legacyState);
    const broken = script(sb, [], { FAKE_TF_FAIL: failAt });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('migrate-state.sh: failed at line');
    expect(existsSync(path.join(sb.dir, '_tfcodemod_override.tf')), 'the override is removed on failure').toBe(false);
    // Every object is still somewhere, with its attributes (in default, or already in its workspace).
    const mid = objectsIn(localStates(sb));
    for (const o of objects) expect(mid.some(([, attrs]) => attrs.id === o.attributes.id), o.address).toBe(true);
    expect(snapshot(sb.s3)).toEqual({});

    const resumed = script(sb);
    expect(resumed.code, resumed.stderr).toBe(0);
    expectMigrated(sb, resumed.stdout);

    const logged = readLog(sb).length;
    const s3 = snapshot(sb.s3);
    const third = script(sb);
    expect(third.code, third.stderr).toBe(0);
    expect(snapshot(sb.s3)).toEqual(s3);
    expect(writes(since(sb, logged))).toEqual([]);
    expect(readFileSync(path.join(sb.dir, '.tfcodemod-migration/backup/local/terraform.tfstate'), 'utf8')).toBe(legacyState);
  }, 240_000);
});

describe('merge-environments, for_each strategy: moved blocks, one state', () => {
  it('the script only backs up and migrates the backend; the plan shows the moves and no-ops only', () => {
    const moves = movesOf(cli(['--json', '--strategy', 'for_each']).stdout);
    const { dir: template } = cli(['--write', '--strategy', 'for_each']);
    expect(moves.length).toBeGreaterThan(0);
    expect(moves.every((m) => m.via === 'moved' && m.from.workspace === 'default' && m.to.workspace === 'default')).toBe(true);

    const sb = seeded(template, legacyState);
    const r = script(sb);
    expect(r.code, r.stderr).toBe(0);
    expect(readLog(sb).filter((e) => e[1] === 'mv' || e[1] === 'push' || e[1] === 'rm')).toEqual([]);
    expect(readLog(sb).filter((e) => e[0] === 'init')).toEqual([['init', '-input=false', '-migrate-state', '-force-copy', '-backend-config=backend.s3.tfbackend']]);
    // The state is copied to S3 as it was: the moved blocks move it at the next apply.
    expect(objectsIn({ default: readState(path.join(sb.s3, S3_DEFAULT)) })).toEqual(
      [...objects.map((o): [string, Record<string, unknown>] => [`default:${o.address}`, o.attributes]), ['default:aws_ami.ubuntu', { id: 'ami-0abc' }]].sort(([a], [b]) =>
        a < b ? -1 : a > b ? 1 : 0,
      ),
    );

    const p = plan(sb, 'default', ['secrets.tfvars']);
    expect(p.code, p.stderr).toBe(2); // moves are not "no changes"
    expect(p.changes.filter((c) => c.change.actions.join() !== 'no-op')).toEqual([]);
    const moved = p.changes.filter((c) => c.previous_address !== undefined).map((c) => [c.previous_address, c.address]);
    expect(moved.sort()).toEqual(moves.map((m) => [m.from.address, m.to.address]).sort());
    // What did not move stays at its legacy address.
    const unmoved = new Set(objects.map((o) => o.address).filter((a) => !moves.some((m) => m.from.address === a)));
    expect(new Set(p.changes.filter((c) => c.previous_address === undefined).map((c) => c.address))).toEqual(unmoved);
  }, 240_000);
});

describe('merge-environments, workspace strategy: module calls move whole (examples/before/stages-qa-live)', () => {
  const STAGES = path.join(projectRoot, 'examples', 'before', 'stages-qa-live');
  /** What the module's own resources look like in state: the network module's VPC and subnets. */
  const inModule = (call: string, subnets: number): LegacyObject[] => [
    { address: `module.${call}.aws_vpc.this`, attributes: { id: `vpc-${call}` } },
    ...Array.from({ length: subnets }, (_, i) => ({ address: `module.${call}.aws_subnet.private[${i}]`, attributes: { id: `subnet-${call}-${i}` } })),
  ];

  it('every object of a module call lands in its stage workspace under the merged call, through an interruption', async () => {
    const root = await legacyObjects(STAGES);
    const all = [...root, ...inModule('network_qa', 2), ...inModule('network_live', 3)];
    const state = stateText({ lineage: 'stages', serial: 3, resources: resourcesOf(all), outputs: {} });
    const moves = movesOf(cli(['--json'], STAGES).stdout);
    expect(moves.filter((m) => m.from.address.startsWith('module.'))).toEqual([
      { from: { workspace: 'default', address: 'module.network_qa' }, to: { workspace: 'qa', address: 'module.network' } },
      { from: { workspace: 'default', address: 'module.network_live' }, to: { workspace: 'live', address: 'module.network' } },
    ]);
    const template = cli(['--write'], STAGES).dir;
    // Each legacy object where the moves say: a module's objects go with the call.
    const target = (address: string): string => {
      for (const m of moves) {
        if (address === m.from.address || address.startsWith(`${m.from.address}[`)) return `${m.to.workspace}:${m.to.address}${address.slice(m.from.address.length)}`;
        if (address.startsWith(`${m.from.address}.`)) return `${m.to.workspace}:${m.to.address}${address.slice(m.from.address.length)}`;
      }
      return `unmoved:${address}`;
    };
    const expected = all.map((o): [string, Record<string, unknown>] => [target(o.address), o.attributes]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    expect(expected.filter(([a]) => a.startsWith('unmoved:'))).toEqual([]);
    expect(expected.map(([a]) => a)).toContain('live:module.network.aws_subnet.private[2]');

    const sb = seeded(template, state, false);
    const workspaces = (): Record<string, State | null> => ({
      default: readState(path.join(sb.dir, 'terraform.tfstate')),
      ...Object.fromEntries(['qa', 'live'].map((ws) => [ws, readState(path.join(sb.dir, 'terraform.tfstate.d', ws, 'terraform.tfstate'))])),
    });
    // The legacy configuration's one required variable, as a user would give it to the plans.
    const vars = { TF_VAR_orders_db_password: 'not-a-real-password' };
    const broken = script(sb, [], { ...vars, FAKE_TF_FAIL: 'state push .tfcodemod-migration/live.tfstate' });
    expect(broken.code).toBe(1);
    const resumed = script(sb, [], vars);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('migrate-state.sh: done');
    expect(objectsIn(workspaces())).toEqual(expected);
    const logged = readLog(sb).length;
    const again = script(sb, [], vars);
    expect(again.code, again.stderr).toBe(0);
    expect(objectsIn(workspaces())).toEqual(expected);
    expect(writes(since(sb, logged))).toEqual([]);
  }, 240_000);
});

describe('merge-environments, for_each strategy with --migration-format script', () => {
  it('moves inside workspace default with single-quoted addresses; the plan afterwards has nothing to move or change', () => {
    const report = movesOf(cli(['--json', '--strategy', 'for_each', '--migration-format', 'script']).stdout);
    expect(report.length).toBeGreaterThan(0);
    expect(report.every((m) => m.via === undefined && m.from.workspace === 'default' && m.to.workspace === 'default')).toBe(true);
    const { dir: template } = cli(['--write', '--strategy', 'for_each', '--migration-format', 'script']);
    expect(existsSync(path.join(template, 'moved.tf'))).toBe(false);

    const sb = seeded(template, legacyState);
    const dry = script(sb, ['--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    // Inside one workspace: no -state-out (the same file twice would keep both addresses).
    expect(dry.stdout).toContain('+ terraform state mv -state=.tfcodemod-migration/default.tfstate aws_vpc.dev_vpc aws_vpc.vpc\\[\\"dev\\"\\]\n');
    expect(readFileSync(path.join(template, 'migrate-state.sh'), 'utf8')).toContain(`"$WORK/default.tfstate" aws_vpc.dev_vpc 'aws_vpc.vpc["dev"]'\n`);
    expect(readLog(sb)).toEqual([]);

    const r = script(sb);
    expect(r.code, r.stderr).toBe(0);
    const byAddress = new Map(objects.map((o) => [o.address, o.attributes]));
    const expected = [
      ...objects.filter((o) => !report.some((m) => m.from.address === o.address)).map((o): [string, Record<string, unknown>] => [`default:${o.address}`, o.attributes]),
      ...report.map((m): [string, Record<string, unknown>] => [`default:${m.to.address}`, byAddress.get(m.from.address)!]),
      ['default:aws_ami.ubuntu', { id: 'ami-0abc' }] as [string, Record<string, unknown>],
    ].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    expect(objectsIn({ default: readState(path.join(sb.s3, S3_DEFAULT)) })).toEqual(expected);

    const p = plan(sb, 'default', ['secrets.tfvars']);
    expect(p.changes.filter((c) => c.change.actions.join() !== 'no-op' || c.previous_address !== undefined)).toEqual([]);
    const logged = readLog(sb).length;
    const again = script(sb);
    expect(again.code, again.stderr).toBe(0);
    expect(writes(since(sb, logged))).toEqual([]);
  }, 240_000);
});

describe('merge-environments then fold-security-rules (examples/before/stage-rules)', () => {
  it('the script splits the rules into their stage workspaces; there the moved blocks carry them into the for_each resource, and plans show moves only', async () => {
    const STAGE_RULES = path.join(projectRoot, 'examples', 'before', 'stage-rules');
    const objects = await legacyObjects(STAGE_RULES);
    const state = stateText({ lineage: 'stage-rules', serial: 1, resources: resourcesOf(objects), outputs: {} });
    const template = cli(['--write'], STAGE_RULES).dir;
    const sb = seeded(template, state, false);
    const r = script(sb);
    expect(r.code, r.stderr).toBe(0);
    for (const ws of ['qa', 'live']) {
      expect(r.stdout).toMatch(new RegExp(`^workspace ${ws}: no (changes|resource actions)`, 'm'));
      const p = plan(sb, ws, []);
      expect(p.changes.filter((c) => c.change.actions.join() !== 'no-op')).toEqual([]);
      expect(p.changes.filter((c) => c.previous_address !== undefined).map((c) => `${c.previous_address} -> ${c.address}`).sort()).toEqual([
        'aws_security_group_rule.lb_http -> aws_security_group_rule.lb["http"]',
        'aws_security_group_rule.lb_https -> aws_security_group_rule.lb["https"]',
      ]);
    }
  }, 240_000);
});

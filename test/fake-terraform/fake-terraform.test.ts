// The fake terraform that the migration-script tests run: the Terraform rules those tests rely on
// (lineage and serial checks on push, state mv between files, backend initialization, state
// migration on init, the failure hook) hold in the fake.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addresses, readLog, readState, sandbox, stateText, tf, writeFiles } from './harness.js';

const vpc = (name: string, id: string) => ({ type: 'aws_vpc', name, instances: [{ attributes: { id } }] });
const subnets = (name: string, ids: string[]) => ({ type: 'aws_subnet', name, each: 'list' as const, instances: ids.map((id, i) => ({ index_key: i, attributes: { id } })) });
const S3_BACKEND = 'terraform {\n  backend "s3" {\n    key = "app/terraform.tfstate"\n  }\n}\n';
const BACKEND_FILE = { 'backend.s3.tfbackend': 'bucket = "state"\nregion = "us-east-1"\n' };

describe('fake terraform: state push', () => {
  const setup = () => {
    const sb = sandbox({ 'main.tf': 'resource "aws_vpc" "a" {}\n' });
    writeFiles(sb.dir, { 'terraform.tfstate': stateText({ lineage: 'L1', serial: 3, resources: [vpc('a', 'vpc-1')] }) });
    return sb;
  };

  it('refuses a state of another lineage unless -force', () => {
    const sb = setup();
    writeFiles(sb.dir, { 'other.tfstate': stateText({ lineage: 'L2', serial: 9, resources: [vpc('a', 'vpc-2')] }) });
    const r = tf(sb, ['state', 'push', 'other.tfstate']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot import state with lineage "L2" over unrelated state with lineage "L1"');
    expect(readState(path.join(sb.dir, 'terraform.tfstate'))!.lineage).toBe('L1');
    expect(tf(sb, ['state', 'push', '-force', 'other.tfstate']).code).toBe(0);
    expect(readState(path.join(sb.dir, 'terraform.tfstate'))!.lineage).toBe('L2');
  });

  it('refuses an older serial, and the same serial with other content; accepts a newer one', () => {
    const sb = setup();
    writeFiles(sb.dir, {
      'older.tfstate': stateText({ lineage: 'L1', serial: 2, resources: [] }),
      'same.tfstate': stateText({ lineage: 'L1', serial: 3, resources: [vpc('a', 'vpc-other')] }),
      'identical.tfstate': stateText({ lineage: 'L1', serial: 3, resources: [vpc('a', 'vpc-1')] }),
      'newer.tfstate': stateText({ lineage: 'L1', serial: 4, resources: [vpc('a', 'vpc-1'), vpc('b', 'vpc-3')] }),
    });
    const older = tf(sb, ['state', 'push', 'older.tfstate']);
    expect([older.code, older.stderr]).toEqual([1, expect.stringContaining('cannot import state with serial 2 over newer state with serial 3')]);
    const same = tf(sb, ['state', 'push', 'same.tfstate']);
    expect([same.code, same.stderr]).toEqual([1, expect.stringContaining('cannot overwrite existing state with serial 3 with a different state that has the same serial')]);
    expect(tf(sb, ['state', 'push', 'identical.tfstate']).code).toBe(0);
    expect(readState(path.join(sb.dir, 'terraform.tfstate'))!.serial).toBe(3);
    expect(tf(sb, ['state', 'push', 'newer.tfstate']).code).toBe(0);
    const now = readState(path.join(sb.dir, 'terraform.tfstate'))!;
    expect([now.lineage, now.serial, addresses(now)]).toEqual(['L1', 5, ['aws_vpc.a', 'aws_vpc.b']]);
  });
});

describe('fake terraform: state mv between files', () => {
  it('moves every instance of a resource, bumps serials, starts a new state for an empty -state-out', () => {
    // An uninitialized S3 backend does not matter: -state files are read directly.
    const sb = sandbox({ 'main.tf': S3_BACKEND });
    writeFiles(sb.dir, {
      'src.tfstate': stateText({ lineage: 'SRC', serial: 7, resources: [vpc('dev_vpc', 'vpc-d'), subnets('dev_private', ['subnet-1', 'subnet-2']), vpc('prod_vpc', 'vpc-p')] }),
      'dst.tfstate': '',
    });
    const mv = (from: string, to: string) => tf(sb, ['state', 'mv', '-state=src.tfstate', '-state-out=dst.tfstate', from, to]);
    expect(mv('aws_subnet.dev_private', 'aws_subnet.private').code).toBe(0);
    expect(mv('aws_vpc.dev_vpc', 'aws_vpc.vpc').code).toBe(0);
    const src = readState(path.join(sb.dir, 'src.tfstate'))!;
    const dst = readState(path.join(sb.dir, 'dst.tfstate'))!;
    expect([src.lineage, src.serial, addresses(src)]).toEqual(['SRC', 9, ['aws_vpc.prod_vpc']]);
    expect(dst.lineage).not.toBe('SRC');
    expect([dst.serial, addresses(dst)]).toEqual([2, ['aws_subnet.private[0]', 'aws_subnet.private[1]', 'aws_vpc.vpc']]);
    expect(dst.resources.find((r) => r.name === 'private')!.instances.map((i) => i.attributes.id)).toEqual(['subnet-1', 'subnet-2']);

    const taken = tf(sb, ['state', 'mv', '-state=src.tfstate', '-state-out=dst.tfstate', 'aws_vpc.prod_vpc', 'aws_vpc.vpc']);
    expect([taken.code, taken.stderr]).toEqual([1, expect.stringContaining('there is already a resource instance at that address')]);
    const missing = mv('aws_vpc.dev_vpc', 'aws_vpc.other');
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringContaining('does not match anything in the current state')]);
    expect(readState(path.join(sb.dir, 'src.tfstate'))!.serial).toBe(9);
  });

  it('moves a resource without count into an index (its no-key instance), but not a counted resource as a whole', () => {
    const sb = sandbox({ 'main.tf': '' });
    writeFiles(sb.dir, { 'a.tfstate': stateText({ lineage: 'A', serial: 1, resources: [vpc('shared', 'vpc-s'), subnets('s', ['x', 'y'])] }) });
    expect(tf(sb, ['state', 'mv', '-state=a.tfstate', 'aws_vpc.shared', 'aws_vpc.shared[0]']).code).toBe(0);
    expect(addresses(readState(path.join(sb.dir, 'a.tfstate')))).toEqual(['aws_subnet.s[0]', 'aws_subnet.s[1]', 'aws_vpc.shared[0]']);
    const counted = tf(sb, ['state', 'mv', '-state=a.tfstate', 'aws_subnet.s', 'aws_subnet.t[0]']);
    expect([counted.code, counted.stderr]).toEqual([1, expect.stringContaining('the source is a whole resource (not a resource instance)')]);
  });

  it('moves and removes a module call whole, nested modules included', () => {
    const sb = sandbox({ 'main.tf': '' });
    const inModule = (module: string, r: ReturnType<typeof vpc>) => ({ ...r, module });
    writeFiles(sb.dir, {
      'src.tfstate': stateText({
        lineage: 'SRC',
        serial: 1,
        resources: [inModule('module.net_dev', vpc('this', 'vpc-d')), inModule('module.net_dev.module.subnets', subnets('s', ['x'])), inModule('module.net_prod', vpc('this', 'vpc-p'))],
      }),
      'dst.tfstate': '',
    });
    expect(tf(sb, ['state', 'mv', '-state=src.tfstate', '-state-out=dst.tfstate', 'module.net_dev', 'module.net']).code).toBe(0);
    expect(addresses(readState(path.join(sb.dir, 'src.tfstate')))).toEqual(['module.net_prod.aws_vpc.this']);
    expect(addresses(readState(path.join(sb.dir, 'dst.tfstate')))).toEqual(['module.net.aws_vpc.this', 'module.net.module.subnets.aws_subnet.s[0]']);
    const taken = tf(sb, ['state', 'mv', '-state=src.tfstate', '-state-out=dst.tfstate', 'module.net_prod', 'module.net']);
    expect([taken.code, taken.stderr]).toEqual([1, expect.stringContaining('there is already a module at that address')]);
    expect(tf(sb, ['state', 'rm', '-state=dst.tfstate', 'module.net']).code).toBe(0);
    expect(addresses(readState(path.join(sb.dir, 'dst.tfstate')))).toEqual([]);
  });

  it('lists and removes in a -state file; an empty file is no state', () => {
    const sb = sandbox({ 'main.tf': '' });
    writeFiles(sb.dir, { 'a.tfstate': stateText({ lineage: 'A', serial: 1, resources: [subnets('s', ['x', 'y'])] }), 'empty.tfstate': '' });
    expect(tf(sb, ['state', 'list', '-state=a.tfstate']).stdout).toBe('aws_subnet.s[0]\naws_subnet.s[1]\n');
    expect(tf(sb, ['state', 'rm', '-state=a.tfstate', 'aws_subnet.s[0]']).code).toBe(0);
    expect(addresses(readState(path.join(sb.dir, 'a.tfstate')))).toEqual(['aws_subnet.s[1]']);
    const empty = tf(sb, ['state', 'list', '-state=empty.tfstate']);
    expect([empty.code, empty.stderr]).toEqual([1, expect.stringContaining('No state file was found!')]);
  });
});

describe('fake terraform: backends', () => {
  it('requires init when the configured backend differs from the initialized one', () => {
    const sb = sandbox({ 'main.tf': S3_BACKEND, ...BACKEND_FILE });
    for (const args of [['workspace', 'list'], ['state', 'pull'], ['state', 'list', '-state=x.tfstate'], ['plan']]) {
      const r = tf(sb, args);
      expect([r.code, r.stderr], args.join(' ')).toEqual([1, expect.stringContaining('Initial configuration of the requested backend "s3"')]);
      expect(r.stderr).toContain('Backend initialization required');
    }
    const noRegion = tf(sb, ['init', '-input=false', '-backend-config=bucket=state']);
    expect([noRegion.code, noRegion.stderr]).toEqual([1, expect.stringContaining('"region"')]);
    expect(tf(sb, ['init', '-input=false', '-backend-config=backend.s3.tfbackend']).code).toBe(0);
    expect(tf(sb, ['workspace', 'list']).stdout).toBe('* default\n\n');
    expect(tf(sb, ['init', '-input=false']).code, 'an unchanged block needs no -backend-config again').toBe(0);

    // An override file that pins the local backend replaces the S3 block: init required again.
    writeFiles(sb.dir, { '_tfcodemod_override.tf': 'terraform {\n  backend "local" {}\n}\n' });
    const pinned = tf(sb, ['workspace', 'list']);
    expect([pinned.code, pinned.stderr]).toEqual([1, expect.stringContaining('Backend type changed from "s3" to "local"')]);
    const changed = tf(sb, ['init', '-input=false']);
    expect([changed.code, changed.stderr]).toEqual([1, expect.stringContaining('Backend configuration changed')]);
  });

  it('init -migrate-state copies every workspace from the local backend to S3, asking first', () => {
    const sb = sandbox({ 'main.tf': S3_BACKEND, ...BACKEND_FILE });
    const defaultState = stateText({ lineage: 'D', serial: 4, resources: [vpc('a', 'vpc-d')] });
    const stagingState = stateText({ lineage: 'S', serial: 2, resources: [vpc('a', 'vpc-s')] });
    writeFiles(sb.dir, {
      '.terraform/terraform.tfstate': JSON.stringify({ version: 3, backend: { type: 'local', config: { path: null, workspace_dir: null } } }),
      '.terraform/environment': 'staging',
      'terraform.tfstate': defaultState,
      'terraform.tfstate.d/staging/terraform.tfstate': stagingState,
      'terraform.tfstate.d/empty/.keep': '',
    });
    const plain = tf(sb, ['init', '-input=false', '-backend-config=backend.s3.tfbackend']);
    expect([plain.code, plain.stderr]).toEqual([1, expect.stringContaining('Backend configuration changed')]);
    const asks = tf(sb, ['init', '-input=false', '-migrate-state', '-backend-config=backend.s3.tfbackend']);
    expect([asks.code, asks.stderr]).toEqual([1, expect.stringContaining('input is disabled')]);
    expect(existsSync(path.join(sb.s3, 'state'))).toBe(false);

    expect(tf(sb, ['init', '-input=false', '-migrate-state', '-force-copy', '-backend-config=backend.s3.tfbackend']).code).toBe(0);
    expect(readFileSync(path.join(sb.s3, 'state/app/terraform.tfstate'), 'utf8')).toBe(defaultState);
    expect(readFileSync(path.join(sb.s3, 'state/env:/staging/app/terraform.tfstate'), 'utf8')).toBe(stagingState);
    expect(existsSync(path.join(sb.s3, 'state/env:/empty')), 'an empty workspace is not copied').toBe(false);
    expect(readFileSync(path.join(sb.dir, 'terraform.tfstate'), 'utf8'), 'a changed backend keeps the old states').toBe(defaultState);
    expect(tf(sb, ['workspace', 'list']).stdout).toBe('  default\n* staging\n\n');
    expect(JSON.parse(tf(sb, ['state', 'pull']).stdout).lineage).toBe('S');
  });

  it('a first init copies the implied local states over and empties them; -reconfigure copies nothing from the old backend', () => {
    const sb = sandbox({ 'main.tf': S3_BACKEND, ...BACKEND_FILE });
    const state = stateText({ lineage: 'D', serial: 4, resources: [vpc('a', 'vpc-d')] });
    writeFiles(sb.dir, { 'terraform.tfstate': state });
    expect(tf(sb, ['init', '-input=false', '-backend-config=backend.s3.tfbackend']).stderr).toContain('input is disabled');
    expect(tf(sb, ['init', '-input=false', '-force-copy', '-backend-config=backend.s3.tfbackend']).code).toBe(0);
    expect(readFileSync(path.join(sb.s3, 'state/app/terraform.tfstate'), 'utf8')).toBe(state);
    expect(readFileSync(path.join(sb.dir, 'terraform.tfstate'), 'utf8')).toBe('');
    expect(readFileSync(path.join(sb.dir, 'terraform.tfstate.backup'), 'utf8')).toBe(state);

    writeFiles(sb.dir, { 'main.tf': S3_BACKEND.replace('app/', 'other/') });
    expect(tf(sb, ['init', '-input=false', '-reconfigure', '-backend-config=backend.s3.tfbackend']).code).toBe(0);
    expect(tf(sb, ['state', 'pull']).stdout).toBe('');
  });

  it('unsetting a backend needs an init too', () => {
    const sb = sandbox({ 'main.tf': '' });
    writeFiles(sb.dir, { '.terraform/terraform.tfstate': JSON.stringify({ version: 3, backend: { type: 'local', config: {} } }) });
    expect(tf(sb, ['state', 'pull']).stderr).toContain('Unsetting the previously set backend "local"');
    expect(tf(sb, ['init', '-input=false', '-reconfigure']).code).toBe(0);
    expect(tf(sb, ['state', 'pull']).stderr, '-reconfigure does not forget the old backend').toContain('Unsetting');
    expect(tf(sb, ['init', '-input=false', '-migrate-state', '-force-copy']).code).toBe(0);
    expect(tf(sb, ['state', 'pull']).code).toBe(0);
  });
});

describe('fake terraform: workspaces, plan, hooks', () => {
  it('selects, creates and deletes workspaces; TF_WORKSPACE overrides and blocks select', () => {
    const sb = sandbox({ 'main.tf': '' });
    expect(tf(sb, ['workspace', 'select', 'dev']).stderr).toContain(`Workspace "dev" doesn't exist.`);
    expect(tf(sb, ['workspace', 'select', '-or-create=true', 'dev']).code).toBe(0);
    expect(tf(sb, ['state', 'pull']).stdout, 'a new local workspace has no state yet').toBe('');
    writeFiles(sb.dir, { 'terraform.tfstate.d/dev/terraform.tfstate': stateText({ lineage: 'X', serial: 1, resources: [vpc('a', 'vpc-1')] }) });
    expect(tf(sb, ['workspace', 'new', 'prod']).code).toBe(0);
    expect(tf(sb, ['workspace', 'show']).stdout).toBe('prod\n');
    expect(tf(sb, ['workspace', 'delete', 'dev']).stderr).toContain('Workspace "dev" is currently tracking the following resource instances:\n  - aws_vpc.a');
    expect(tf(sb, ['workspace', 'list'], { TF_WORKSPACE: 'dev' }).stdout).toBe('  default\n* dev\n  prod\n\n');
    expect(tf(sb, ['workspace', 'select', 'default'], { TF_WORKSPACE: 'dev' }).stderr).toContain('overridden using the TF_WORKSPACE');
    expect(tf(sb, ['workspace', 'delete', '-force', 'dev']).code).toBe(0);
    expect(tf(sb, ['workspace', 'list']).stdout).toBe('  default\n* prod\n\n');
  });

  it('plans creates and deletes, needs required variables, writes a plan that show -json prints', () => {
    const sb = sandbox({
      'main.tf': 'variable "password" {\n  type = string\n}\n\nresource "aws_vpc" "a" {}\nresource "aws_vpc" "b" {}\ndata "aws_ami" "u" {}\n',
      'secrets.tfvars': 'password = "x"\n',
    });
    writeFiles(sb.dir, { 'terraform.tfstate': stateText({ lineage: 'L', serial: 1, resources: [vpc('a', 'vpc-1'), vpc('old', 'vpc-2')] }) });
    const missing = tf(sb, ['plan', '-input=false']);
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringContaining('No value for required variable')]);
    expect(missing.stderr).toContain('on main.tf line 1:');
    expect(tf(sb, ['plan', '-input=false', '-var-file=nope.tfvars']).stderr).toContain('Given variables file nope.tfvars does not exist.');
    expect(tf(sb, ['plan', '-input=false'], { TF_VAR_password: 'x' }).code).toBe(0);
    const r = tf(sb, ['plan', '-input=false', '-detailed-exitcode', '-out=p.tfplan', '-var-file=secrets.tfvars']);
    expect(r.code).toBe(2);
    const shown = JSON.parse(tf(sb, ['show', '-json', 'p.tfplan']).stdout);
    expect(shown.resource_changes.map((c: { address: string; change: { actions: string[] } }) => [c.address, c.change.actions[0]])).toEqual([
      ['aws_vpc.a', 'no-op'],
      ['aws_vpc.b', 'create'],
      ['aws_vpc.old', 'delete'],
    ]);
  });

  it('plans instances: count and for_each expanded for the workspace and the variables, moved blocks as moves', () => {
    const sb = sandbox({
      'main.tf': [
        'variable "subnets" {\n  type = number\n}\n',
        'resource "aws_subnet" "s" {\n  count = var.subnets\n}\n',
        'resource "aws_vpc" "vpc" {\n  for_each = toset(["dev", "prod"])\n}\n',
        'resource "aws_db_instance" "db" {\n  count = terraform.workspace == "prod" ? 1 : 0\n}\n',
        'moved {\n  from = aws_vpc.dev_vpc\n  to   = aws_vpc.vpc["dev"]\n}\n',
      ].join('\n'),
      'one.tfvars': 'subnets = 1\n',
      'two.tfvars': 'subnets = 2\n',
    });
    writeFiles(sb.dir, {
      'terraform.tfstate': stateText({
        lineage: 'L',
        serial: 1,
        resources: [subnets('s', ['subnet-0']), vpc('dev_vpc', 'vpc-d'), { type: 'aws_vpc', name: 'vpc', each: 'map', instances: [{ index_key: 'prod', attributes: { id: 'vpc-p' } }] }],
      }),
      'terraform.tfstate.d/prod/terraform.tfstate': stateText({ lineage: 'P', serial: 1, resources: [{ type: 'aws_db_instance', name: 'db', each: 'list', instances: [{ index_key: 0, attributes: { id: 'db' } }] }] }),
    });
    const plan = (args: string[], env: Record<string, string> = {}) => {
      const r = tf(sb, ['plan', '-input=false', '-detailed-exitcode', '-out=p.tfplan', ...args], env);
      const shown = JSON.parse(tf(sb, ['show', '-json', 'p.tfplan']).stdout) as { resource_changes: { address: string; previous_address?: string; index?: unknown; change: { actions: string[] } }[] };
      return { ...r, changes: shown.resource_changes.map((c) => [c.address, c.change.actions[0], c.previous_address ?? null]) };
    };

    // The later -var-file wins: two subnets, one of them new; the moved block moves dev_vpc.
    const two = plan(['-var-file=one.tfvars', '-var-file=two.tfvars']);
    expect(two.code).toBe(2);
    expect(two.changes).toEqual([
      ['aws_subnet.s[0]', 'no-op', null],
      ['aws_subnet.s[1]', 'create', null],
      ['aws_vpc.vpc["dev"]', 'no-op', 'aws_vpc.dev_vpc'],
      ['aws_vpc.vpc["prod"]', 'no-op', null],
    ]);
    expect(two.stdout).toContain('# aws_vpc.dev_vpc has moved to aws_vpc.vpc["dev"]');
    expect(two.stdout).toContain('# aws_subnet.s[1] will be created');
    expect(two.stdout).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');

    // A var file wins over TF_VAR_: one subnet, only the move left (not "No changes": exit 2).
    const one = plan(['-var-file=one.tfvars'], { TF_VAR_subnets: '2' });
    expect([one.code, one.changes.filter((c) => c[1] !== 'no-op')]).toEqual([2, []]);
    expect(one.stdout).toContain('Plan: 0 to add, 0 to change, 0 to destroy.');
    // -var after -var-file wins; a surplus instance is destroyed.
    expect(plan(['-var-file=two.tfvars', '-var=subnets=0']).changes).toContainEqual(['aws_subnet.s[0]', 'delete', null]);

    // Workspace prod: its own state and count; the moved block finds nothing to move there.
    const prod = plan(['-var-file=one.tfvars'], { TF_WORKSPACE: 'prod' });
    expect([prod.code, prod.changes]).toEqual([
      2,
      [
        ['aws_subnet.s[0]', 'create', null],
        ['aws_vpc.vpc["dev"]', 'create', null],
        ['aws_vpc.vpc["prod"]', 'create', null],
        ['aws_db_instance.db[0]', 'no-op', null],
      ],
    ]);
  });

  it('fails a plan whose configuration the renderer cannot expand', () => {
    const sb = sandbox({ 'main.tf': 'resource "aws_vpc" "a" {}\n\nresource "aws_subnet" "s" {\n  count = aws_vpc.a.subnet_count\n}\n' });
    const r = tf(sb, ['plan', '-input=false', '-detailed-exitcode']);
    expect([r.code, r.stderr]).toEqual([1, expect.stringContaining('aws_subnet.s: count of aws_subnet.s is not known')]);
    expect(tf(sb, ['plan', '-input=false']).stdout).toBe('');
  });

  it('logs every invocation; FAKE_TF_FAIL fails the first matching one only', () => {
    const sb = sandbox({ 'main.tf': '' });
    const env = { FAKE_TF_FAIL: 'workspace select' };
    expect(tf(sb, ['workspace', 'show'], env).code).toBe(0);
    const failed = tf(sb, ['workspace', 'select', '-or-create=true', 'dev'], env);
    expect([failed.code, failed.stderr]).toEqual([1, expect.stringContaining('failing on purpose')]);
    expect(existsSync(path.join(sb.dir, 'terraform.tfstate.d')), 'it failed before doing anything').toBe(false);
    expect(tf(sb, ['workspace', 'select', '-or-create=true', 'dev'], env).code).toBe(0);
    expect(readLog(sb)).toEqual([
      ['workspace', 'show'],
      ['workspace', 'select', '-or-create=true', 'dev'],
      ['workspace', 'select', '-or-create=true', 'dev'],
    ]);
  });
});

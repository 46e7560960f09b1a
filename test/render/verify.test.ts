import { beforeAll, describe, expect, it } from 'vitest';
import { initParser } from '../../src/cst/parser.js';
import type { StateMove } from '../../src/engine/types.js';
import { verifyModule, type VerifyInput } from '../../src/render/verify.js';

beforeAll(initParser);

const m = (files: Record<string, string>): Map<string, string> => new Map(Object.entries(files));
const move = (from: string, ws: string, to: string): StateMove => ({ from: { workspace: 'default', address: from }, to: { workspace: ws, address: to } });
const check = (before: Record<string, string>, after: Record<string, string>, extra: Partial<VerifyInput> = {}) => verifyModule({ before: m(before), after: m(after), moves: [], ...extra });
const lines = (r: ReturnType<typeof check>) => r.differences.map((d) => `${d.workspace} ${d.address} ${d.path}: ${d.before} -> ${d.after} (${d.action})`);

const legacy = `
resource "aws_vpc" "dev_vpc" {
  cidr_block = "10.10.0.0/16"
  tags = { Name = "dev-vpc" }
}

resource "aws_vpc" "prod_vpc" {
  cidr_block = "10.30.0.0/16"
  tags = { Name = "prod-vpc" }
}

resource "aws_subnet" "dev_a" {
  vpc_id     = aws_vpc.dev_vpc.id
  cidr_block = "10.10.1.0/24"
}

resource "aws_subnet" "prod_a" {
  vpc_id     = aws_vpc.prod_vpc.id
  cidr_block = "10.30.1.0/24"
}
`;
const merged = `
locals {
  cidr = { dev = "10.10.0.0/16", prod = "10.30.0.0/16" }
  subnet = { dev = "10.10.1.0/24", prod = "10.30.1.0/24" }
}

resource "aws_vpc" "vpc" {
  cidr_block = local.cidr[terraform.workspace]
  tags = { Name = "\${terraform.workspace}-vpc" }
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.vpc.id
  cidr_block = local.subnet[terraform.workspace]
}
`;
const mergeMoves = [move('aws_vpc.dev_vpc', 'dev', 'aws_vpc.vpc'), move('aws_vpc.prod_vpc', 'prod', 'aws_vpc.vpc'), move('aws_subnet.dev_a', 'dev', 'aws_subnet.a'), move('aws_subnet.prod_a', 'prod', 'aws_subnet.a')];

describe('verify', () => {
  it('proves a workspace merge equivalent, references mapped through the moves', () => {
    const r = check({ 'main.tf': legacy }, { 'main.tf': merged }, { moves: mergeMoves });
    expect(lines(r)).toEqual([]);
    expect(r.equivalent).toBe(true);
  });

  it('fails on a changed CIDR, naming workspace, address, argument, both values and the action', () => {
    const r = check({ 'main.tf': legacy }, { 'main.tf': merged.replace('prod = "10.30.0.0/16"', 'prod = "10.31.0.0/16"') }, { moves: mergeMoves });
    expect(r.equivalent).toBe(false);
    expect(lines(r)).toEqual(['prod aws_vpc.vpc cidr_block: "10.30.0.0/16" -> "10.31.0.0/16" (update)']);
  });

  it('fails on a missing move: the legacy instance would be destroyed and the new one created', () => {
    const r = check({ 'main.tf': legacy }, { 'main.tf': merged }, { moves: mergeMoves.filter((x) => x.from.address !== 'aws_subnet.prod_a') });
    expect(lines(r)).toEqual(['default aws_subnet.prod_a : in state -> not moved (destroy)', 'prod aws_subnet.a : (absent) -> declared (create)']);
    expect(r.equivalent).toBe(false);
  });

  it('fails on a duplicated move (two legacy instances onto one address)', () => {
    const r = check({ 'main.tf': legacy }, { 'main.tf': merged }, { moves: [...mergeMoves, move('aws_vpc.prod_vpc', 'dev', 'aws_vpc.vpc')] });
    expect(r.equivalent).toBe(false);
    expect(lines(r)).toContain('default aws_vpc.prod_vpc : moved 2 times -> prod:aws_vpc.vpc and dev:aws_vpc.vpc (destroy)');
    expect(lines(r)).toContain('dev aws_vpc.vpc : default:aws_vpc.dev_vpc and default:aws_vpc.prod_vpc -> both moved here (destroy)');
  });

  it('fails on an instance left in default that the new configuration no longer declares', () => {
    const r = check({ 'main.tf': legacy + 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n' }, { 'main.tf': merged }, { moves: mergeMoves, workspaces: ['default', 'dev', 'prod'] });
    expect(lines(r)).toContain('default aws_s3_bucket.logs : declared -> (absent) (destroy)');
  });

  it('fails on an output whose value changed', () => {
    const r = check({ 'main.tf': 'output "name" {\n  value = "a"\n}\n' }, { 'main.tf': 'output "name" {\n  value = "b"\n}\n' });
    expect(lines(r)).toEqual(['default output.name : "a" -> "b" (output)']);
  });

  it('after a split, an output belongs to the workspace of what it refers to and may be renamed there; an added output does not fail', () => {
    const outs = 'output "dev_vpc_id" {\n  value = aws_vpc.dev_vpc.id\n}\noutput "prod_vpc_id" {\n  value = aws_vpc.prod_vpc.id\n}\noutput "team" {\n  value = "platform"\n}\n';
    const renamed = 'output "vpc_id" {\n  value = aws_vpc.vpc.id\n}\noutput "team" {\n  value = "platform"\n}\noutput "workspace" {\n  value = terraform.workspace\n}\n';
    const r = check({ 'main.tf': legacy + outs }, { 'main.tf': merged + renamed }, { moves: mergeMoves });
    expect(lines(r)).toEqual(['dev output.workspace : (absent) -> "dev" (output added)', 'prod output.workspace : (absent) -> "prod" (output added)']);
    expect(r.equivalent).toBe(true);
    // An output whose workspace-free value changed fails in every workspace.
    const changed = check({ 'main.tf': legacy + outs }, { 'main.tf': merged + renamed.replace('"platform"', '"infra"') }, { moves: mergeMoves });
    expect(lines(changed)).toContain('dev output.team : "platform" -> "infra" (output)');
    expect(changed.equivalent).toBe(false);
    // The prod value lost: prod_vpc_id has no counterpart in workspace prod.
    const lost = check({ 'main.tf': legacy + outs }, { 'main.tf': merged + renamed.replace('aws_vpc.vpc.id', 'terraform.workspace == "dev" ? aws_vpc.vpc.id : null') }, { moves: mergeMoves });
    expect(lines(lost).filter((l) => l.startsWith('prod output.prod_vpc_id'))).toHaveLength(1);
    expect(lost.equivalent).toBe(false);
  });

  it('fails on a dropped ingress rule; ingress rules compare as a set, in any order', () => {
    const sg = (rules: string[]) => `resource "aws_security_group" "web" {\n  name = "web"\n${rules.map((p) => `  ingress {\n    from_port   = ${p}\n    to_port     = ${p}\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n`).join('')}}\n`;
    expect(check({ 'main.tf': sg(['80', '443']) }, { 'main.tf': sg(['443', '80']) }).equivalent).toBe(true);
    const dropped = check({ 'main.tf': sg(['80', '443']) }, { 'main.tf': sg(['80']) });
    expect(dropped.equivalent).toBe(false);
    expect(lines(dropped)[0]).toMatch(/aws_security_group\.web ingress: .*from_port = 443.* -> \(absent\) \(update\)/);
  });

  it('expands dynamic blocks, count and for_each, and treats null arguments as absent', () => {
    const before = `resource "aws_security_group" "web" {\n  name = "web"\n  description = null\n  ingress {\n    from_port = 80\n    to_port = 80\n  }\n  ingress {\n    from_port = 443\n    to_port = 443\n  }\n}\nresource "aws_eip" "ip" {\n  count = 2\n  tags = { n = count.index }\n}\n`;
    const after = `locals {\n  ports = { http = 80, https = 443 }\n}\nresource "aws_security_group" "web" {\n  name = "web"\n  dynamic "ingress" {\n    for_each = local.ports\n    content {\n      from_port = ingress.value\n      to_port   = ingress.value\n    }\n  }\n}\nresource "aws_eip" "ip" {\n  count = 2\n  tags = { n = count.index }\n}\n`;
    expect(lines(check({ 'main.tf': before }, { 'main.tf': after }))).toEqual([]);
    const fe = check({ 'main.tf': 'resource "aws_s3_bucket" "b" {\n  for_each = toset(["x", "y"])\n  bucket = each.key\n}\n' }, { 'main.tf': 'resource "aws_s3_bucket" "b" {\n  for_each = toset(["x"])\n  bucket = each.key\n}\n' });
    expect(lines(fe)).toEqual(['default aws_s3_bucket.b["y"] : declared -> (absent) (destroy)']);
  });

  it('compares provider configurations by their arguments, and lifecycle', () => {
    const prov = 'provider "aws" {\n  region = "us-east-1"\n}\nprovider "aws" {\n  alias = "p"\n  region = "us-east-1"\n}\nprovider "aws" {\n  alias = "w"\n  region = "us-west-2"\n}\n';
    expect(check({ 'main.tf': prov + 'resource "aws_s3_bucket" "b" {\n  provider = aws.p\n}\n' }, { 'main.tf': prov + 'resource "aws_s3_bucket" "b" {\n}\n' }).equivalent).toBe(true);
    const moved = check({ 'main.tf': prov + 'resource "aws_s3_bucket" "b" {\n  provider = aws.p\n}\n' }, { 'main.tf': prov + 'resource "aws_s3_bucket" "b" {\n  provider = aws.w\n}\n' });
    expect(lines(moved)).toEqual(['default aws_s3_bucket.b provider.region: "us-east-1" -> "us-west-2" (update)']);
    const lc = check({ 'main.tf': 'resource "a" "b" {\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n' }, { 'main.tf': 'resource "a" "b" {\n}\n' });
    expect(lines(lc)).toEqual(['default a.b lifecycle.prevent_destroy: true -> (absent) (update)']);
  });

  it('counts an effect on a resource for each of its instances; default_tags on a data source is only its read', () => {
    const before = 'provider "aws" {\n  region = "eu-west-1"\n}\nresource "aws_sqs_queue" "q" {\n  for_each = toset(["a", "b"])\n  name     = each.key\n}\ndata "aws_region" "here" {}\n';
    const after = before
      .replace('region = "eu-west-1"\n', 'region = "eu-west-1"\n  default_tags {\n    tags = { Owner = "x" }\n  }\n')
      .replace('name     = each.key', 'name     = each.key\n  tags     = { Owner = "x" }');
    const bare = check({ 'main.tf': before }, { 'main.tf': after });
    expect(bare.equivalent).toBe(false);
    expect(lines(bare)).toContain('default data.aws_region.here provider.default_tags[0]: (absent) -> { tags = {"Owner" = "x"} } (read)');
    const effects = ['tags', 'provider.default_tags'].map((path) => ({ workspace: 'default', address: 'aws_sqs_queue.q', path, action: 'update-in-place' as const }));
    const r = check({ 'main.tf': before }, { 'main.tf': after }, { effects });
    expect(r.equivalent).toBe(true);
    expect(r.differences.filter((d) => d.intended).map((d) => `${d.address} ${d.path}`).sort()).toEqual([
      'aws_sqs_queue.q["a"] provider.default_tags[0]',
      'aws_sqs_queue.q["a"] tags',
      'aws_sqs_queue.q["b"] provider.default_tags[0]',
      'aws_sqs_queue.q["b"] tags',
    ]);
    // An effect on another resource does not cover this one.
    expect(check({ 'main.tf': before }, { 'main.tf': after }, { effects: effects.map((e) => ({ ...e, address: 'aws_sqs_queue.other' })) }).equivalent).toBe(false);
  });

  it('cannot judge what it cannot evaluate, unless the same text stands on both sides', () => {
    const unset = check({ 'main.tf': 'resource "a" "b" {\n  password = "hunter22"\n}\n' }, { 'main.tf': 'variable "pw" {\n  sensitive = true\n}\nresource "a" "b" {\n  password = var.pw\n}\n' });
    expect(unset.equivalent).toBe(false);
    expect(unset.differences[0]!.action).toBe('cannot judge');
    expect(JSON.stringify(unset.differences)).not.toContain('hunter22');
    const allowed = check({ 'main.tf': 'resource "a" "b" {\n  password = "hunter22"\n}\n' }, { 'main.tf': 'variable "pw" {}\nresource "a" "b" {\n  password = var.pw\n}\n' }, { allowUnknown: true });
    expect(allowed.equivalent).toBe(true);
    const same = check({ 'main.tf': 'variable "x" {}\nresource "a" "b" {\n  v = var.x\n}\n' }, { 'main.tf': 'variable "x" {}\nresource "a" "b" {\n  v = var.x\n}\n' });
    expect(same.equivalent).toBe(true);
  });

  it('reads secret values from a var file (scoped to a workspace) and never prints them', () => {
    const before = { 'main.tf': 'resource "a" "b" {\n  password = "hunter22"\n}\n' };
    const after = { 'main.tf': 'variable "pw" {\n  sensitive = true\n}\nresource "a" "b" {\n  password = var.pw\n}\n' };
    expect(check(before, after, { varFiles: [{ workspace: null, name: 'secrets.tfvars', text: 'pw = "hunter22"\n' }] }).equivalent).toBe(true);
    const wrong = check(before, after, { varFiles: [{ workspace: 'default', name: 'secrets.tfvars', text: 'pw = "wrong-one"\n' }] });
    expect(lines(wrong)).toEqual(['default a.b password: (sensitive value) -> (sensitive value) (update)']);
    expect(check(before, after, { varFiles: [{ workspace: 'prod', name: 's.tfvars', text: 'pw = "hunter22"\n' }] }).differences[0]!.action).toBe('cannot judge');
  });

  it('resolves a reference to another environment\'s literal name, so a kept cross-environment value verifies', () => {
    const before = 'resource "aws_db_subnet_group" "dev" {\n  name = "dev-db"\n}\nresource "aws_db_instance" "staging" {\n  db_subnet_group_name = aws_db_subnet_group.dev.name\n}\n';
    const after = 'resource "aws_db_subnet_group" "dev" {\n  name = "dev-db"\n}\nresource "aws_db_instance" "staging" {\n  db_subnet_group_name = "dev-db"\n}\n';
    expect(check({ 'main.tf': before }, { 'main.tf': after }).equivalent).toBe(true);
  });
});

describe('verify: moves of several transforms', () => {
  it('follows a move made by a moved block after a workspace split, in the workspace the address landed in', () => {
    const before = { 'main.tf': 'resource "aws_eip" "dev_ip" {\n  domain = "vpc"\n}\n' };
    const after = { 'main.tf': 'resource "aws_eip" "ip" {\n  for_each = toset(["a"])\n  domain   = "vpc"\n}\n' };
    const split = move('aws_eip.dev_ip', 'dev', 'aws_eip.ip_old');
    const moved = { from: { workspace: 'default', address: 'aws_eip.ip_old' }, to: { workspace: 'default', address: 'aws_eip.ip["a"]' }, via: 'moved' as const };
    const r = check(before, after, { moves: [split, moved] });
    expect(lines(r)).toEqual([]);
    expect(r.equivalent).toBe(true);
    // Without the second move the instance would be destroyed and another created.
    expect(check(before, after, { moves: [split] }).equivalent).toBe(false);
  });
});

describe('verify: variables take their declared type', () => {
  const legacy = { 'main.tf': 'resource "aws_instance" "web" {\n  count = 2\n  ami   = "ami-1"\n  tags  = { Ids = "1,2", On = true }\n}\n' };
  const typed = {
    'main.tf':
      'variable "n" {\n  type = number\n}\nvariable "ids" {\n  type = list(string)\n}\nvariable "on" {\n  type = bool\n}\n' +
      'resource "aws_instance" "web" {\n  count = var.n\n  ami   = "ami-1"\n  tags  = { Ids = join(",", var.ids), On = var.on }\n}\n',
  };

  it('converts a -var string or a tfvars value to the declared type before use (count from "2")', () => {
    const r = check(legacy, typed, { vars: [['n', { t: 'string', v: '2' }], ['on', { t: 'string', v: 'true' }]], varFiles: [{ workspace: null, name: 'x.tfvars', text: 'ids = [1, 2]\n' }] });
    expect(lines(r)).toEqual([]);
    expect(r.equivalent).toBe(true);
  });

  it('a value that does not convert is an error Terraform would give: cannot judge, never a guess', () => {
    const r = check(legacy, typed, { vars: [['n', { t: 'string', v: 'two' }], ['on', { t: 'bool', v: true }]], varFiles: [{ workspace: null, name: 'x.tfvars', text: 'ids = ["1", "2"]\n' }] });
    expect(r.equivalent).toBe(false);
    expect(lines(r).join('\n')).toContain('Invalid value for input variable: a number is required');
  });

  it('leaves values alone under a type it does not model (optional attributes)', () => {
    const before = { 'main.tf': 'resource "a" "b" {\n  v = "x"\n}\n' };
    const after = { 'main.tf': 'variable "o" {\n  type    = object({ v = optional(string, "x") })\n  default = { v = "x" }\n}\nresource "a" "b" {\n  v = var.o.v\n}\n' };
    expect(check(before, after).equivalent).toBe(true);
  });
});

describe('verify unknowns through moves', () => {
  it('compares the source text of what it cannot evaluate after renaming the moved addresses', () => {
    const before = { 'main.tf': 'resource "aws_vpc" "dev_vpc" {\n  cidr_block = "10.0.0.0/16"\n}\nresource "aws_route" "r" {\n  note = unknown_fn(aws_vpc.dev_vpc.id)\n}\n' };
    const after = { 'main.tf': 'resource "aws_vpc" "vpc" {\n  cidr_block = "10.0.0.0/16"\n}\nresource "aws_route" "r" {\n  note = unknown_fn(aws_vpc.vpc.id)\n}\n' };
    const r = verifyModule({ before: m(before), after: m(after), moves: [move('aws_vpc.dev_vpc', 'dev', 'aws_vpc.vpc'), move('aws_route.r', 'dev', 'aws_route.r')] });
    expect(r.differences).toEqual([]);
  });
});

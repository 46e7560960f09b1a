// Runs commands against the fake terraform (test/fake-terraform/terraform) in a temporary module
// directory, with its own fake S3 directory and invocation log.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const projectRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const fakeBin = path.join(projectRoot, 'test', 'fake-terraform');

export interface Sandbox {
  /** The module directory (the working directory of every command). */
  dir: string;
  /** What FAKE_TF_S3 points at. */
  s3: string;
  /** What FAKE_TF_LOG points at. */
  log: string;
}

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** A module directory holding `files`, next to an empty fake S3 and log. */
export function sandbox(files: Record<string, string> = {}): Sandbox {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tfcodemod-faketf-'));
  const sb = { dir: path.join(root, 'module'), s3: path.join(root, 's3'), log: path.join(root, 'terraform.log') };
  mkdirSync(sb.dir);
  mkdirSync(sb.s3);
  writeFiles(sb.dir, files);
  return sb;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    const p = path.join(dir, ...name.split('/'));
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
}

/** The environment of a run: the fake first on PATH, nothing inherited that would steer Terraform. */
export function fakeEnv(sb: Sandbox, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('TF_') || k.startsWith('FAKE_TF_') || k.startsWith('AWS_')) continue;
    env[k] = v;
  }
  return { ...env, PATH: `${fakeBin}${path.delimiter}${process.env.PATH ?? ''}`, FAKE_TF_S3: sb.s3, FAKE_TF_LOG: sb.log, ...extra };
}

export function run(sb: Sandbox, command: string, args: string[], extra: Record<string, string> = {}): Result {
  const r = spawnSync(command, args, { cwd: sb.dir, env: fakeEnv(sb, extra), encoding: 'utf8' });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export const tf = (sb: Sandbox, args: string[], extra: Record<string, string> = {}): Result => run(sb, 'terraform', args, extra);

/** Every invocation of the fake so far, as argv arrays. */
export function readLog(sb: Sandbox): string[][] {
  if (!existsSync(sb.log)) return [];
  return readFileSync(sb.log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as string[]);
}

export interface Instance {
  index_key?: number | string;
  attributes: Record<string, unknown>;
}

export interface StateResource {
  module?: string;
  mode?: 'managed' | 'data';
  type: string;
  name: string;
  provider?: string;
  each?: 'list' | 'map';
  instances: Instance[];
}

export interface State {
  version: 4;
  terraform_version: string;
  serial: number;
  lineage: string;
  outputs: Record<string, { value: unknown; type: unknown; sensitive?: boolean }>;
  resources: StateResource[];
}

/** A v4 state file's text. */
export function stateText(s: { lineage: string; serial: number; resources: StateResource[]; outputs?: State['outputs'] }): string {
  const state: State = {
    version: 4,
    terraform_version: '1.10.5',
    serial: s.serial,
    lineage: s.lineage,
    outputs: s.outputs ?? {},
    resources: s.resources.map((r) => ({ mode: 'managed', provider: 'provider["registry.terraform.io/hashicorp/aws"]', ...r })),
  };
  return JSON.stringify(state, null, 2) + '\n';
}

export function readState(file: string): State | null {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  return text.trim() ? (JSON.parse(text) as State) : null;
}

/** Instance addresses as `terraform state list` prints them. */
export function addresses(s: State | null): string[] {
  if (!s) return [];
  return s.resources.flatMap((r) =>
    r.instances.map((i) => `${r.module ? `${r.module}.` : ''}${r.type}.${r.name}${i.index_key === undefined ? '' : typeof i.index_key === 'number' ? `[${i.index_key}]` : `[${JSON.stringify(i.index_key)}]`}`),
  );
}

/** Every file under `dir` (relative paths) with its contents: a snapshot to compare. */
export function snapshot(dir: string, base = dir): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) Object.assign(out, snapshot(p, base), { [path.relative(base, p) + '/']: '' });
    else out[path.relative(base, p)] = readFileSync(p, 'utf8');
  }
  return out;
}

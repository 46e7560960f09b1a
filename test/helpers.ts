// Test helpers: HashiCorp's parser and formatter as oracles, in-memory transform runs, temp trees.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { initParser } from '../src/cst/parser.js';
import type { ModuleJob } from '../src/engine/pipeline.js';
import { runModule, type ModuleRun, type RunSettings } from '../src/engine/runner.js';
import { discoverModules, GitIgnores } from '../src/files/discover.js';
import type { Transform } from '../src/engine/transform.js';
import type { OptionValues } from '../src/engine/types.js';
import { transforms as registry } from '../transforms/index.js';

const require = createRequire(import.meta.url);
const hcl2json = require('@cdktf/hcl2json') as { parse(name: string, text: string): Promise<unknown> };
const hclTools = require('@cdktf/hcl-tools') as { format(text: string): Promise<string> };

/** HashiCorp's parser: resolves to the JSON form, rejects with its diagnostics. */
export const hclParse = (name: string, text: string): Promise<unknown> => hcl2json.parse(name, text);

/** HashiCorp's formatter (hclwrite, the core of terraform fmt). A BOM is not its business. */
export async function hclFormat(text: string): Promise<string> {
  const bom = text.startsWith('\ufeff') ? '\ufeff' : '';
  return bom + (await hclTools.format(text.slice(bom.length)));
}

export async function isFmtClean(text: string): Promise<boolean> {
  return (await hclFormat(text)) === text;
}

export const projectRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** The built CLI, as the `tfcodemod` bin runs it (global-setup.ts builds it before the tests). */
export const builtCli = path.join(projectRoot, 'dist', 'bundle', 'src', 'cli', 'main.js');

/**
 * Runs the built CLI as a process in `cwd`, with PATH and HOME of the environment, and `env`;
 * `nodeArgs` go to node, before the CLI's path.
 */
export function tfcodemod(args: string[], cwd: string, env: Record<string, string> = {}, nodeArgs: string[] = []): { code: number | null; stdout: string; stderr: string } {
  if (!existsSync(builtCli)) throw new Error('dist/ is missing: run npm run build (the global setup of the tests does)');
  const r = spawnSync(process.execPath, [...nodeArgs, builtCli, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs the built CLI (as tfcodemod does) with `preload`, an ES module's source, imported first
 * in every thread. The preload appends lines to the file named by TFCODEMOD_TEST_LOG; they come
 * back as `lines`, in order.
 */
export function tracedTfcodemod(preload: string, args: string[], cwd: string, env: Record<string, string> = {}): ReturnType<typeof tfcodemod> & { lines: string[] } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tfcodemod-trace-'));
  const preloadFile = path.join(dir, 'preload.mjs');
  writeFileSync(preloadFile, preload);
  const log = path.join(dir, 'trace.log');
  writeFileSync(log, '');
  const run = tfcodemod(args, cwd, { ...env, TFCODEMOD_TEST_LOG: log }, ['--import', pathToFileURL(preloadFile).href]);
  return { ...run, lines: readFileSync(log, 'utf8').split('\n').filter((l) => l !== '') };
}

export function transformById(id: string): Transform<unknown> {
  const t = registry.find((r) => r.id === id);
  if (!t) throw new Error(`no transform ${id}`);
  return t;
}

export interface RunOptions {
  transforms?: string[];
  options?: Record<string, OptionValues>;
  isRoot?: boolean;
  path?: string;
  rejected?: string[];
  gitIgnored?: (name: string) => boolean;
  /** The other modules of the run, for transforms that decide across modules. */
  otherModules?: { path: string; isRoot: boolean }[];
}

/** Runs transforms over in-memory files, as the runner does for one module. */
export async function runTransforms(files: Record<string, string>, opts: RunOptions = {}): Promise<ModuleRun> {
  await initParser();
  const selected = (opts.transforms ?? registry.filter((t) => !t.optIn).map((t) => t.id)).map(transformById);
  const options = new Map<string, OptionValues>();
  for (const t of registry) {
    const values: OptionValues = {};
    for (const [k, spec] of Object.entries(t.options)) values[k] = spec.default;
    // Undeclared keys too: the CLI gives every transform the global ones (environments).
    Object.assign(values, opts.options?.[t.id] ?? {});
    options.set(t.id, values);
  }
  const modulePath = opts.path ?? '.';
  const facts = new Map<string, unknown>();
  const tree = { modules: [{ path: modulePath, isRoot: opts.isRoot ?? true }, ...(opts.otherModules ?? [])] };
  for (const t of selected) if (t.prepare) facts.set(t.id, t.prepare(tree, options.get(t.id)!));
  return runModule(
    { path: modulePath, isRoot: opts.isRoot ?? true, files: new Map(Object.entries(files)), isGitIgnored: opts.gitIgnored ?? (() => false) },
    { transforms: selected, options, facts, decisions: { rejected: new Set(opts.rejected ?? []), behaviourFrom: new Set(opts.transforms ?? []) } },
  );
}

/** The messages of a run's findings (its changes' and the module's) of one severity. */
export const findingMessages = (run: ModuleRun, severity: string): string[] =>
  run.records.flatMap((r) => r.change.findings).concat(run.findings).filter((f) => f.severity === severity).map((f) => f.message);

/** The effects of a run's applied changes, as `workspace address path action`. */
export const appliedEffects = (run: ModuleRun): string[] =>
  run.records.filter((r) => r.status === 'applied').flatMap((r) => r.change.effects.map((e) => `${e.workspace} ${e.address} ${e.path} ${e.action}`));

/** The files after a run: the inputs with the outputs applied. */
export function filesAfter(files: Record<string, string>, run: ModuleRun): Record<string, string> {
  const out = { ...files };
  for (const [name, o] of run.outputs) out[name] = o.after;
  return out;
}

/** A temporary directory holding `files` (paths with forward slashes). */
export function tempTree(files: Record<string, string>, prefix = 'tfcodemod-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [name, text] of Object.entries(files)) {
    const p = path.join(dir, ...name.split('/'));
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return dir;
}

/**
 * Runs the transforms on `before` and asserts the files that change or appear equal `after`
 * (files absent from `after` must stay as they were), that every HCL file written parses with
 * HashiCorp's parser and stays fmt-clean when it was, and that a second run changes nothing.
 */
export async function assertCodemod(before: Record<string, string>, after: Record<string, string>, opts: RunOptions = {}): Promise<ModuleRun> {
  const { expect } = await import('vitest');
  const run = await runTransforms(before, opts);
  expect(run.errors).toEqual([]);
  const changed: Record<string, string> = {};
  for (const [name, o] of run.outputs) changed[name] = o.after;
  expect(changed).toEqual(after);
  for (const [name, text] of Object.entries(changed)) {
    if (!/\.(tf|tfvars|tfbackend)$/.test(name)) continue;
    await hclParse(name, text);
    const original = before[name];
    if (original === undefined || (await isFmtClean(original))) expect(await hclFormat(text), `${name} is not fmt-clean`).toBe(text);
  }
  const again = await runTransforms(filesAfter(before, run), opts);
  expect([...again.outputs.keys()], 'a second run changes nothing').toEqual([]);
  return run;
}

/**
 * The jobs and settings of a dry run over `treeRoot` (every default transform, default options),
 * as the CLI builds them, for tests of what sits above the pipeline (the review).
 */
export async function pipelineRun(treeRoot: string): Promise<{ jobs: ModuleJob[]; settings: RunSettings }> {
  await initParser();
  const gitIgnores = new GitIgnores(treeRoot);
  const discovery = discoverModules({ treeRoot, cwd: treeRoot, paths: [treeRoot], exclude: [], gitIgnores });
  const selected = registry.filter((t) => !t.optIn);
  const options = new Map<string, OptionValues>();
  for (const t of registry) options.set(t.id, Object.fromEntries(Object.entries(t.options).map(([k, spec]) => [k, spec.default])));
  const jobs = discovery.modules.map((m) => ({
    dir: m.dir,
    path: m.path,
    isRoot: true,
    files: m.files,
    gitignores: gitIgnores.rulesFor(m.dir),
    treeRoot,
    migrationScript: path.join(m.dir, 'migrate-state.sh'),
    toolVersion: 'test',
    verify: false,
  }));
  return { jobs, settings: { transforms: selected, options, facts: new Map(), decisions: { rejected: new Set(), behaviourFrom: new Set() } } };
}

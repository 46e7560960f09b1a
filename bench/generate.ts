// Generates a legacy Terraform tree for the benchmark, deterministically from a seed:
// `modules/<topic>-<i>` child modules and `live/<team>/<service>-<i>` root modules that call
// them (`source = "../../../modules/…"`; some children call other children), five .tf files
// each, 300 B – 8 KB a file.
//   worst: every module has something to change (see module.ts).
//   few:   ~5% of the modules have; the rest are clean.
//
//   node dist/bench/generate.js DIR [--scenario worst|few] [--files 4000] [--seed 1] [--check N|all]
//
// --check holds N generated files (spread over the tree), or all, against HashiCorp's parser
// (@cdktf/hcl2json `parse`) and formatter (@cdktf/hcl-tools `format`, the core of terraform fmt).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { renderModule, TOPIC_NAMES, type ModuleSpec } from './module.js';
import { hashSeed, Random } from './random.js';

export type Scenario = 'worst' | 'few';

export interface TreeManifest {
  scenario: Scenario;
  seed: number;
  dir: string;
  /** .tf files written. */
  files: number;
  bytes: number;
  modules: number;
  roots: number;
  children: number;
  /** Modules the tool is expected to change (the legacy ones). */
  changedModules: number;
  smallestFile: number;
  largestFile: number;
  /** Bytes of the largest module (what memory should be bounded by). */
  largestModule: number;
}

export const FILES_PER_MODULE = 5;
const CHANGED_SHARE_FEW = 0.05;
const CHILD_SHARE = 0.25;
const TEAMS = ['payments', 'identity', 'search', 'data', 'platform', 'growth', 'mobile', 'ads'];
const SERVICES = ['api', 'gateway', 'billing', 'ledger', 'checkout', 'auth', 'sessions', 'indexer', 'crawler', 'etl', 'warehouse', 'notifier', 'mailer', 'scheduler', 'reports', 'media', 'feeds', 'profile', 'catalog'];

/** The modules of a tree: layout, calls and which ones are legacy. Pure data. */
export function planTree(scenario: Scenario, files: number, seed: number): ModuleSpec[] {
  const rng = new Random(hashSeed('tree', seed));
  const total = Math.max(2, Math.round(files / FILES_PER_MODULE));
  const childCount = Math.max(1, Math.round(total * CHILD_SHARE));
  const rootCount = total - childCount;
  const children: ModuleSpec[] = [];
  for (let i = 0; i < childCount; i++) {
    const topic = rng.pick(TOPIC_NAMES);
    const p = `modules/${topic}-${i + 1}`;
    children.push({ path: p, isRoot: false, legacy: false, calls: [], team: rng.pick(TEAMS), service: `${topic}-${i + 1}`, topic, seed: hashSeed(seed, p) });
  }
  // Some children call a child made before them (no cycles).
  for (let i = 1; i < childCount; i++) {
    if (!rng.chance(0.1)) continue;
    const callee = children[rng.int(0, i - 1)]!;
    children[i]!.calls.push({ name: callee.topic, source: `../${path.posix.basename(callee.path)}` });
  }
  const roots: ModuleSpec[] = [];
  for (let i = 0; i < rootCount; i++) {
    const team = rng.pick(TEAMS);
    const service = `${rng.pick(SERVICES)}-${i + 1}`;
    const p = `live/${team}/${service}`;
    roots.push({ path: p, isRoot: true, legacy: false, calls: [], team, service, topic: rng.pick(TOPIC_NAMES), seed: hashSeed(seed, p) });
  }
  // Every child is called by some root; roots call up to three children.
  const call = (root: ModuleSpec, child: ModuleSpec): void => {
    if (root.calls.some((c) => c.source.endsWith(`/${child.path}`))) return;
    root.calls.push({ name: child.topic, source: `../../../${child.path}` });
  };
  children.forEach((child, i) => call(roots[i % rootCount]!, child));
  for (const root of roots) for (let k = rng.int(0, 2); k > 0; k--) call(root, rng.pick(children));

  const modules = [...children, ...roots];
  const legacy = scenario === 'worst' ? modules : rng.sample(modules, Math.max(1, Math.round(modules.length * CHANGED_SHARE_FEW)));
  for (const m of legacy) m.legacy = true;
  return modules;
}

/** Writes the tree under `dir` (which should be empty or absent). */
export function generateTree(dir: string, scenario: Scenario, files: number, seed: number): TreeManifest {
  const modules = planTree(scenario, files, seed);
  const manifest: TreeManifest = {
    scenario,
    seed,
    dir,
    files: 0,
    bytes: 0,
    modules: modules.length,
    roots: modules.filter((m) => m.isRoot).length,
    children: modules.filter((m) => !m.isRoot).length,
    changedModules: modules.filter((m) => m.legacy).length,
    smallestFile: Infinity,
    largestFile: 0,
    largestModule: 0,
  };
  for (const m of modules) {
    const moduleDir = path.join(dir, ...m.path.split('/'));
    mkdirSync(moduleDir, { recursive: true });
    let moduleBytes = 0;
    for (const [name, text] of renderModule(m)) {
      const bytes = Buffer.from(text, 'utf8');
      writeFileSync(path.join(moduleDir, name), bytes);
      manifest.files++;
      manifest.bytes += bytes.length;
      moduleBytes += bytes.length;
      manifest.smallestFile = Math.min(manifest.smallestFile, bytes.length);
      manifest.largestFile = Math.max(manifest.largestFile, bytes.length);
    }
    manifest.largestModule = Math.max(manifest.largestModule, moduleBytes);
  }
  return manifest;
}

/** Every .tf file under `dir`, sorted. */
export function listTfFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.isFile() && e.name.endsWith('.tf')) out.push(abs);
    }
  };
  walk(dir);
  return out;
}

/**
 * Checks `count` files spread over the tree (all when count >= the number of files) with
 * HashiCorp's parser and formatter; returns one message per problem.
 */
export async function checkTree(dir: string, count: number): Promise<{ checked: number; problems: string[] }> {
  const require = createRequire(import.meta.url);
  const { parse } = require('@cdktf/hcl2json') as { parse(name: string, text: string): Promise<unknown> };
  const { format } = require('@cdktf/hcl-tools') as { format(text: string): Promise<string> };
  const { readFileSync } = await import('node:fs');
  const all = listTfFiles(dir);
  const step = Math.max(1, all.length / Math.max(1, count));
  const chosen = new Set<string>();
  for (let i = 0; i < all.length && chosen.size < count; i += step) chosen.add(all[Math.floor(i)]!);
  const problems: string[] = [];
  for (const file of chosen) {
    const text = readFileSync(file, 'utf8');
    const rel = path.relative(dir, file);
    try {
      await parse(path.basename(file), text);
    } catch (e) {
      problems.push(`${rel}: HashiCorp's parser refuses it: ${String((e as Error).message ?? e).slice(0, 300)}`);
      continue;
    }
    const formatted = await format(text);
    if (formatted !== text) {
      const a = text.split('\n');
      const b = formatted.split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      problems.push(`${rel}:${line + 1}: not terraform fmt layout:\n  have: ${JSON.stringify(a[line])}\n  fmt:  ${JSON.stringify(b[line])}`);
    }
  }
  return { checked: chosen.size, problems };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      scenario: { type: 'string', default: 'worst' },
      files: { type: 'string', default: '4000' },
      seed: { type: 'string', default: '1' },
      check: { type: 'string' },
    },
    allowPositionals: true,
  });
  const dir = positionals[0];
  const scenario = values.scenario as Scenario;
  if (!dir || (scenario !== 'worst' && scenario !== 'few')) {
    process.stderr.write('usage: node dist/bench/generate.js DIR [--scenario worst|few] [--files N] [--seed N] [--check N|all]\n');
    process.exitCode = 2;
    return;
  }
  const manifest = generateTree(path.resolve(dir), scenario, Number(values.files), Number(values.seed));
  process.stdout.write(JSON.stringify(manifest, null, 2) + '\n');
  if (values.check !== undefined) {
    const n = values.check === 'all' ? Infinity : Number(values.check);
    const { checked, problems } = await checkTree(path.resolve(dir), n);
    for (const p of problems) process.stderr.write(p + '\n');
    process.stderr.write(`checked ${checked} files with HashiCorp's parser and formatter: ${problems.length} problem(s)\n`);
    if (problems.length > 0) process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 2;
  });
}

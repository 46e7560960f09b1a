// The `tfcodemod` command: flags and config in, modules processed one after another, then the
// outputs: diff (stdout), JSON report, patch file, or an all-or-nothing write.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { initParser } from '../cst/parser.js';
import { compileHclChecker } from '../engine/hcl-validity.js';
import { processModule, type ModuleJob, type ModuleResult } from '../engine/pipeline.js';
import { ModulePool, poolSetup, workerCount, type WorkerCode } from '../engine/worker-pool.js';
import type { RunSettings } from '../engine/runner.js';
import type { Transform, TreeSummary } from '../engine/transform.js';
import { discoverModules, GitIgnores, type DiscoveredModule } from '../files/discover.js';
import { dirtyPaths, gitTopLevel } from '../files/git.js';
import { calledModules, localSourcesIn } from '../terraform/module-calls.js';
import { VERSION } from '../version.js';
import { parseCli, UsageError, type CliOptions } from './args.js';
import { helpText, listTransforms } from './help.js';
import { EXIT, RunOutputs } from './outputs.js';
import { resolveSelection, type Selection } from './selection.js';
import { interactiveProblem, runInteractive } from './interactive.js';
import { runVerify } from './verify.js';
import type { SummaryStyle } from './summary.js';

export { EXIT };

export interface Io {
  /** For -i (the review reads keys). */
  stdin?: NodeJS.ReadStream;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
}


/** Writes a message to stderr as whole lines. */
function errorLines(io: Io): (message: string) => void {
  return (s) => void io.stderr.write(s.endsWith('\n') ? s : s + '\n');
}

/** The tree root: the git work tree of the first path, else the cwd (or the first path outside it). */
function treeRootOf(paths: string[], cwd: string): string {
  const first = paths[0]!;
  const top = gitTopLevel(path.extname(first) === '.tf' ? path.dirname(first) : first);
  if (top) return top;
  const inside = paths.every((p) => p === cwd || p.startsWith(cwd + path.sep));
  return inside ? cwd : path.dirname(first);
}

/**
 * Runs the command. `workerCode` (the worker's module, and the one exporting `registry`) lets
 * large runs spread modules over worker threads; without it everything runs on this thread.
 */
export async function run(argv: string[], io: Io, registry: readonly Transform<unknown>[], workerCode?: WorkerCode): Promise<number> {
  const err = errorLines(io);
  // A directory named verify is given as ./verify.
  if (argv[0] === 'verify') return runVerify(argv.slice(1), io);
  let cli: CliOptions;
  try {
    cli = parseCli(argv, registry);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`tfcodemod: ${e.message}\nRun tfcodemod --help for usage.`);
      return EXIT.error;
    }
    throw e;
  }
  if (cli.help) {
    io.stdout.write(helpText(registry, VERSION));
    return EXIT.ok;
  }
  if (cli.version) {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  if (cli.listTransforms) {
    io.stdout.write(listTransforms(registry));
    return EXIT.ok;
  }

  if (cli.interactive) {
    const problem = interactiveProblem(io.stdin, io.stdout);
    if (problem) {
      err(`tfcodemod: ${problem}`);
      return EXIT.error;
    }
  }
  return runModules(cli, io, registry, workerCode);
}

/** The run proper: config, discovery, every module processed, then the outputs. */
async function runModules(cli: CliOptions, io: Io, registry: readonly Transform<unknown>[], workerCode: WorkerCode | undefined): Promise<number> {
  const err = errorLines(io);
  const paths = cli.paths.map((p) => path.resolve(io.cwd, p));
  const treeRoot = treeRootOf(paths, io.cwd);
  const shown = (abs: string): string => {
    const r = path.relative(io.cwd, abs);
    return r === '' ? '.' : r.startsWith('..') ? abs : r;
  };
  const stderrColor = (cli.color ?? io.stderr.isTTY === true) && !io.env.NO_COLOR;
  const style: SummaryStyle = {
    color: stderrColor,
    where: (m, file) => shown(file ? path.join(m.dir, file) : m.dir),
  };

  let config: Config;
  let selection: Selection;
  try {
    const configPath = cli.config ? path.resolve(io.cwd, cli.config) : path.join(treeRoot, '.tfcodemod.json');
    config = await loadConfig(configPath, shown(configPath), cli.config !== undefined, registry);
    selection = resolveSelection(cli, config, registry);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof UsageError) {
      err(`tfcodemod: ${e.message}`);
      return EXIT.error;
    }
    throw e;
  }

  const dirty = (cli.write || cli.interactive) && !cli.allowDirty ? dirtyPaths(treeRoot, paths.map((p) => path.relative(treeRoot, p) || '.')) : [];
  if (dirty.length > 0) {
    err(`tfcodemod: --write refuses to run on uncommitted changes (commit or stash them, or pass --allow-dirty):\n${dirty.slice(0, 10).map((d) => `  ${d}`).join('\n')}${dirty.length > 10 ? `\n  … and ${dirty.length - 10} more` : ''}`);
    return EXIT.error;
  }

  const gitIgnores = new GitIgnores(treeRoot);
  const discovery = discoverModules({ treeRoot, cwd: io.cwd, paths, exclude: [...cli.exclude, ...(config.exclude ?? [])], gitIgnores });
  // Workers start now, loading their parsers while the roots are worked out.
  // The review runs on this thread: it needs every result, one module after another.
  const poolSize = workerCode && !cli.interactive ? workerCount(discovery.modules.length, io.env, workerCode) : 0;
  const pool = poolSize > 0 ? new ModulePool(poolSize, workerCode!) : null;
  // HashiCorp's parser is compiled here, once, for this thread and every worker, and sent when
  // ready: the workers start on their jobs meanwhile, and a failure is reported by the jobs that
  // check.
  if (pool) pool.provideHclChecker(compileHclChecker());
  const treeErrors = discovery.problems.filter((p) => p.severity === 'error').map((p) => ({ file: shown(p.path), message: p.message }));
  for (const p of discovery.problems) err(`${shown(p.path)}: ${p.severity}: ${p.message}`);

  const { isRoot, read } = prescan(discovery.modules, config.roots ?? []);
  const rootCount = discovery.modules.filter((m) => isRoot(m.path)).length;
  const migrationScript = cli.migrationScript ?? config.migrationScript;
  const migrationFormat = cli.migrationFormat ?? config.migrationFormat;
  if (migrationScript && rootCount > 1) {
    err(`tfcodemod: --migration-script names one file, but ${rootCount} root modules were found; drop it to get migrate-state.sh in each root`);
    await pool?.close();
    return EXIT.error;
  }

  const settings = runSettings(selection, { modules: discovery.modules.map((m) => ({ path: m.path, isRoot: isRoot(m.path) })) });
  // This thread processes modules too, beside the pool's workers.
  await initParser();
  const outputs = new RunOutputs({
    cli,
    write: (s) => void io.stdout.write(s),
    err,
    cwd: io.cwd,
    style,
    stdoutColor: (cli.color ?? io.stdout.isTTY === true) && !io.env.NO_COLOR,
    shown,
  });
  const jobs: ModuleJob[] = discovery.modules.map((m) => ({
    dir: m.dir,
    path: m.path,
    isRoot: isRoot(m.path),
    files: m.files,
    gitignores: gitIgnores.rulesFor(m.dir),
    treeRoot,
    migrationScript: migrationScript ? path.resolve(io.cwd, migrationScript) : path.join(m.dir, 'migrate-state.sh'),
    toolVersion: VERSION,
    verify: cli.write && !cli.noVerify,
    ...(migrationFormat ? { migrationFormat } : {}),
    ...(read.has(m.path) ? { read: read.get(m.path) } : {}),
  }));
  if (cli.interactive) {
    return runInteractive({
      stdin: io.stdin!,
      stdout: io.stdout as NodeJS.WriteStream,
      jobs,
      settings,
      err,
      writer: () => new RunOutputs({ cli: { ...cli, write: true }, write: () => {}, err, cwd: io.cwd, style, stdoutColor: false, shown }),
      treeErrors,
      style,
      verify: !cli.noVerify,
    });
  }
  const progress = io.stderr.isTTY === true && discovery.modules.length > 20 && !cli.json;
  await processJobs(jobs, settings, pool, outputs, progress ? io.stderr : null);
  return outputs.finish(treeErrors, discovery.modules.length);
}

/** Bytes of .tf files the pre-scan keeps for the jobs (the first modules' files, up to this). */
const PRESCAN_KEEP_BYTES = 32 * 1024 * 1024;

/**
 * Which modules are roots: those the config names, and those no other scanned module calls (a
 * cheap pre-scan of the `source` lines of their files). It reads every .tf file, so it keeps
 * the bytes, by module path and file name, up to PRESCAN_KEEP_BYTES in all: those files are
 * not read twice.
 */
function prescan(
  modules: readonly DiscoveredModule[],
  configRoots: readonly string[],
): { isRoot: (modulePath: string) => boolean; read: Map<string, Map<string, Uint8Array>> } {
  const sources = new Map<string, string[]>();
  const read = new Map<string, Map<string, Uint8Array>>();
  let kept = 0;
  for (const m of modules) {
    const list: string[] = [];
    for (const f of m.files.filter((n) => n.endsWith('.tf'))) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(path.join(m.dir, f));
      } catch {
        continue; // reported when the module is loaded
      }
      list.push(...localSourcesIn(bytes.toString('utf8')));
      if (kept + bytes.length > PRESCAN_KEEP_BYTES) continue;
      kept += bytes.length;
      // A copy: a small file's Buffer is a view of a shared pool, which a worker would be sent whole.
      if (!read.has(m.path)) read.set(m.path, new Map());
      read.get(m.path)!.set(f, new Uint8Array(bytes));
    }
    sources.set(m.path, list);
  }
  const called = calledModules(sources);
  const roots = new Set(configRoots);
  return { isRoot: (p) => roots.has(p) || !called.has(p), read };
}

/** The selected transforms, their options and what each prepared from the whole tree. */
function runSettings(selection: Selection, tree: TreeSummary): RunSettings {
  const facts = new Map<string, unknown>();
  for (const t of selection.selected) if (t.prepare) facts.set(t.id, t.prepare(tree, selection.options.get(t.id) ?? {}));
  return {
    transforms: selection.selected,
    options: selection.options,
    facts,
    decisions: { rejected: new Set(), behaviourFrom: selection.behaviourFrom },
  };
}

/**
 * Processes the modules (on the pool's workers and here, or only here) and hands each result to
 * `outputs` in module order, with a progress line on `progress` when given.
 */
async function processJobs(jobs: readonly ModuleJob[], settings: RunSettings, pool: ModulePool | null, outputs: RunOutputs, progress: NodeJS.WritableStream | null): Promise<void> {
  if (pool) pool.configure(poolSetup(settings));
  // Results are used in module order; jobs ahead are queued so no thread waits for work.
  const ahead = pool ? 32 : 1;
  const inflight = new Map<number, Promise<ModuleResult>>();
  const done = new Set<number>();
  const start = (k: number): void => {
    if (k >= jobs.length || inflight.has(k)) return;
    const result = pool ? pool.process(jobs[k]!) : processModule(jobs[k]!, settings);
    inflight.set(k, result);
    result.then(
      () => done.add(k),
      () => done.add(k),
    );
  };
  try {
    for (let i = 0; i < jobs.length; i++) {
      for (let k = i; k < i + ahead; k++) start(k);
      progress?.write(`\r\x1b[K[${i + 1}/${jobs.length}] ${jobs[i]!.path}`);
      // Instead of waiting for a worker's result, this thread runs queued jobs itself.
      for (let taken = pool && !done.has(i) ? pool.take() : null; taken; taken = done.has(i) ? null : pool!.take()) {
        const result = processModule(taken.job, settings);
        taken.settle(result);
        await result.catch(() => {});
        // A job here may never leave the microtask queue: let the workers' messages in (their
        // results, and with them their next jobs) before taking another.
        await new Promise((resolve) => setImmediate(resolve));
      }
      const result = await inflight.get(i)!;
      inflight.delete(i);
      done.delete(i);
      delete jobs[i]!.read; // sent to a worker or used here: its bytes can go
      outputs.add(result);
    }
  } finally {
    await pool?.close();
  }
  progress?.write('\r\x1b[K');
}

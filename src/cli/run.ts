// The `tfcodemod` command: flags and config in, modules processed one after another, then the
// outputs: diff (stdout), JSON report, patch file, or an all-or-nothing write.
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { initParser } from '../cst/parser.js';
import { renderDiff } from '../engine/patch.js';
import { processModule, type ModuleResult } from '../engine/pipeline.js';
import { buildReport } from '../engine/report.js';
import type { RunSettings } from '../engine/runner.js';
import type { Transform, TreeSummary } from '../engine/transform.js';
import type { OptionSpec, OptionValues } from '../engine/types.js';
import { discoverModules, GitIgnores, relativePath } from '../files/discover.js';
import { dirtyPaths, gitTopLevel } from '../files/git.js';
import { fingerprintOf } from '../files/load.js';
import { writeAll, WriteError, type PlannedWrite } from '../files/write.js';
import { calledModules, localSourcesIn } from '../terraform/module-calls.js';
import { VERSION } from '../version.js';
import { parseCli, UsageError, type CliOptions } from './args.js';
import { helpText, listTransforms } from './help.js';
import { moduleSummary, nextSteps, type SummaryStyle } from './summary.js';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export const EXIT = { ok: 0, changes: 1, error: 2 } as const;

/** The tree root: the git work tree of the first path, else the cwd (or the first path outside it). */
function treeRootOf(paths: string[], cwd: string): string {
  const first = paths[0]!;
  const top = gitTopLevel(path.extname(first) === '.tf' ? path.dirname(first) : first);
  if (top) return top;
  const inside = paths.every((p) => p === cwd || p.startsWith(cwd + path.sep));
  return inside ? cwd : path.dirname(first);
}

function optionValue(spec: OptionSpec, flag: string | undefined, config: unknown): unknown {
  if (flag !== undefined) {
    switch (spec.type) {
      case 'number': {
        const n = Number(flag);
        if (!Number.isFinite(n)) throw new UsageError(`--${spec.flag} expects a number, got "${flag}"`);
        return n;
      }
      case 'boolean':
        return flag === 'true';
      case 'string[]':
        return flag.split(',').map((s) => s.trim()).filter(Boolean);
      default:
        if (flag === '') throw new UsageError(`--${spec.flag} needs a value`);
        return flag;
    }
  }
  return config ?? spec.default;
}

function resolveSelection(cli: CliOptions, config: Config, registry: readonly Transform<unknown>[]) {
  const named = cli.transforms ?? config.transforms;
  if (named) {
    const known = new Set(registry.map((t) => t.id));
    const unknown = named.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new ConfigError(`unknown transform ${unknown.join(', ')} in the config (known: ${[...known].join(', ')})`);
  }
  const selected = registry.filter((t) => (named ? named.includes(t.id) : !t.optIn));
  const options = new Map<string, OptionValues>();
  for (const t of registry) {
    const values: OptionValues = {};
    for (const [name, spec] of Object.entries(t.options)) {
      values[name] = optionValue(spec, spec.flag ? cli.transformFlags.get(spec.flag) : undefined, spec.config ? config.values.get(spec.config) : undefined);
    }
    values.environments = cli.environments ?? config.environments;
    options.set(t.id, values);
  }
  return { selected, options, behaviourFrom: new Set(named ?? []) };
}

export async function run(argv: string[], io: Io, registry: readonly Transform<unknown>[]): Promise<number> {
  const err = (s: string): void => void io.stderr.write(s.endsWith('\n') ? s : s + '\n');
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
  if (cli.paths[0] === 'verify') {
    err('tfcodemod: the verify subcommand is not in this version yet (a directory named verify can be given as ./verify)');
    return EXIT.error;
  }

  const paths = cli.paths.map((p) => path.resolve(io.cwd, p));
  const treeRoot = treeRootOf(paths, io.cwd);
  const shown = (abs: string): string => {
    const r = path.relative(io.cwd, abs);
    return r === '' ? '.' : r.startsWith('..') ? abs : r;
  };
  const stderrColor = (cli.color ?? io.stderr.isTTY === true) && !io.env.NO_COLOR;
  const stdoutColor = (cli.color ?? io.stdout.isTTY === true) && !io.env.NO_COLOR;
  const style: SummaryStyle = {
    color: stderrColor,
    where: (m, file) => shown(file ? path.join(m.dir, file) : m.dir),
  };

  let config: Config;
  let selection: ReturnType<typeof resolveSelection>;
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

  if (cli.write && !cli.allowDirty) {
    const dirty = dirtyPaths(treeRoot, paths.map((p) => path.relative(treeRoot, p) || '.'));
    if (dirty.length > 0) {
      err(`tfcodemod: --write refuses to run on uncommitted changes (commit or stash them, or pass --allow-dirty):\n${dirty.slice(0, 10).map((d) => `  ${d}`).join('\n')}${dirty.length > 10 ? `\n  … and ${dirty.length - 10} more` : ''}`);
      return EXIT.error;
    }
  }

  const gitIgnores = new GitIgnores(treeRoot);
  const discovery = await discoverModules({ treeRoot, cwd: io.cwd, paths, exclude: [...cli.exclude, ...(config.exclude ?? [])], gitIgnores });
  const treeErrors = discovery.problems.filter((p) => p.severity === 'error').map((p) => ({ file: shown(p.path), message: p.message }));
  for (const p of discovery.problems) err(`${shown(p.path)}: ${p.severity}: ${p.message}`);

  // Roots: modules no other scanned module calls (a cheap pre-scan of `source` lines).
  const sources = new Map<string, string[]>();
  for (const m of discovery.modules) {
    const list: string[] = [];
    for (const f of m.files.filter((n) => n.endsWith('.tf'))) {
      try {
        list.push(...localSourcesIn(readFileSync(path.join(m.dir, f), 'utf8')));
      } catch {
        /* reported when the module is loaded */
      }
    }
    sources.set(m.path, list);
  }
  const called = calledModules(sources);
  const roots = new Set(config.roots ?? []);
  const isRoot = (p: string): boolean => roots.has(p) || !called.has(p);
  const rootCount = discovery.modules.filter((m) => isRoot(m.path)).length;
  const migrationScript = cli.migrationScript ?? config.migrationScript;
  if (migrationScript && rootCount > 1) {
    err(`tfcodemod: --migration-script names one file, but ${rootCount} root modules were found; drop it to get migrate-state.sh in each root`);
    return EXIT.error;
  }

  const tree: TreeSummary = { modules: discovery.modules.map((m) => ({ path: m.path, isRoot: isRoot(m.path) })) };
  const facts = new Map<string, unknown>();
  for (const t of selection.selected) if (t.prepare) facts.set(t.id, t.prepare(tree, selection.options.get(t.id) ?? {}));
  const settings: RunSettings = {
    transforms: selection.selected,
    options: selection.options,
    facts,
    decisions: { rejected: new Set(), behaviourFrom: selection.behaviourFrom },
  };

  await initParser();
  const results: ModuleResult[] = [];
  const keepTexts = cli.write || cli.patch !== undefined;
  const patchChunks: string[] = [];
  const progress = io.stderr.isTTY === true && discovery.modules.length > 20 && !cli.json;
  let i = 0;
  for (const m of discovery.modules) {
    i++;
    if (progress) io.stderr.write(`\r\x1b[K[${i}/${discovery.modules.length}] ${m.path}`);
    const result = await processModule(
      {
        dir: m.dir,
        path: m.path,
        isRoot: isRoot(m.path),
        files: m.files,
        isGitIgnored: (name) => gitIgnores.ignored(path.join(m.dir, name), false),
        treeRoot,
        migrationScript: migrationScript ? path.resolve(io.cwd, migrationScript) : path.join(m.dir, 'migrate-state.sh'),
        toolVersion: VERSION,
      },
      settings,
    );
    if (!cli.json) {
      for (const o of result.outputs) {
        io.stdout.write(renderDiff({ path: o.display, before: o.before, after: o.after, ...(o.mode !== undefined ? { mode: o.mode } : {}) }, { color: stdoutColor, secrets: cli.showSecrets ? [] : result.secrets }));
      }
    }
    if (cli.patch !== undefined) {
      for (const o of result.outputs) patchChunks.push(renderDiff({ path: o.display, before: o.before, after: o.after, ...(o.mode !== undefined ? { mode: o.mode } : {}) }, { color: false, secrets: [] }));
    }
    if (!keepTexts) for (const o of result.outputs) o.before = o.after = '';
    results.push(result);
  }
  if (progress) io.stderr.write('\r\x1b[K');

  if (cli.json) io.stdout.write(JSON.stringify(buildReport(results, treeErrors), null, 2) + '\n');

  for (const r of results) for (const line of moduleSummary(r, style)) err(line);
  const changes = results.reduce((n, r) => n + r.changes.length, 0);
  // Error findings (a refused change, such as two roots sharing one state key) fail the run too.
  const errorFindings = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
  const errors = treeErrors.length + errorFindings + results.reduce((n, r) => n + r.errors.length, 0);
  const touched = results.filter((r) => r.outputs.length > 0).length;

  let code: number = errors > 0 ? EXIT.error : cli.check && changes > 0 ? EXIT.changes : EXIT.ok;
  if (cli.patch !== undefined) {
    const patchPath = path.resolve(io.cwd, cli.patch);
    try {
      const expected = await fs.readFile(patchPath).then(fingerprintOf, () => null);
      await writeAll([{ path: patchPath, text: patchChunks.join(''), mode: 0o600, expected }], shown);
      await fs.chmod(patchPath, 0o600);
    } catch (e) {
      err(`tfcodemod: ${(e as Error).message}`);
      code = EXIT.error;
    }
  }

  let wrote = false;
  if (cli.write) {
    const planned: PlannedWrite[] = results.flatMap((r) => r.outputs.map((o) => ({ path: o.abs, text: o.after, ...(o.mode !== undefined ? { mode: o.mode } : {}), expected: o.expected })));
    if (planned.length > 0) {
      try {
        await writeAll(planned, shown);
        wrote = true;
      } catch (e) {
        if (!(e instanceof WriteError)) throw e;
        err(`tfcodemod: ${e.message}`);
        code = EXIT.error;
      }
    }
  }

  const modules = discovery.modules.length;
  if (modules === 0 && treeErrors.length === 0) err(`tfcodemod: no Terraform modules (directories with .tf files) under ${cli.paths.join(', ')}`);
  const counts = `${changes} change${changes === 1 ? '' : 's'} in ${touched} of ${modules} module${modules === 1 ? '' : 's'}${errors ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''}`;
  if (cli.write) err(`tfcodemod: ${counts}; ${wrote ? `wrote ${results.reduce((n, r) => n + r.outputs.length, 0)} files` : 'nothing was written'}.`);
  else if (cli.check) err(`tfcodemod: ${counts}${changes > 0 ? '; run tfcodemod --write to apply them' : ''}.`);
  else err(`tfcodemod: ${counts}. Dry run: nothing was written${changes > 0 ? '; --write applies them' : ''}.`);
  const next = nextSteps(results, style, wrote);
  if (next.length > 0 && (wrote || !cli.check)) err(`${wrote ? 'Next' : 'After --write'}:\n${next.join('\n')}`);
  return code;
}

// `tfcodemod verify BEFORE AFTER`: proves, per workspace, that the configuration AFTER (with the
// state moves applied) plans no resource actions against the state BEFORE left behind.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { initParser } from '../cst/parser.js';
import { checkHcl } from '../engine/hcl-validity.js';
import type { Effect, StateMove } from '../engine/types.js';
import { describeFsError } from '../files/discover.js';
import { loadFiles } from '../files/load.js';
import type { Difference } from '../render/compare.js';
import { EvalError, type Value } from '../render/value.js';
import { parseVarFlag } from '../render/variables.js';
import { isFailure, verifyModule, type VarFile } from '../render/verify.js';
import { UsageError } from './args.js';
import { EXIT } from './outputs.js';

export const VERIFY_HELP = `Usage: tfcodemod verify BEFORE AFTER [options]

Renders the module directory BEFORE (the legacy configuration, whose state is in workspace
default) and AFTER (the rewritten one) for every target workspace, applies the state moves,
and compares them the way terraform plan would: every instance the moved state holds must be
declared with equal arguments, and nothing more. References to other resources compare by
address after the moves; what cannot be evaluated is "cannot judge".

Options:
  --moves FILE              the --json report of a run (its moves, and the effects of its
                            behaviour changes, which count as intended), or a JSON list of moves
  --workspaces dev,prod     target workspaces (default: the moves' destinations and the
                            effects' workspaces; without moves, when both sides are split by
                            workspace, those their output "workspace" lists; else default)
  --var-file [WS:]FILE      a .tfvars file for every workspace, or only for WS (repeatable)
  --var NAME=VALUE          a variable value (repeatable)
  --allow-unknown           do not fail on "cannot judge"
  --json                    the differences as JSON on stdout

Exit codes: 0 equivalent; 1 differences, or cannot judge; 2 bad input.
`;

interface VerifyOptions {
  before: string;
  after: string;
  moves: StateMove[];
  effects: Effect[];
  workspaces?: string[];
  varFiles: VarFile[];
  vars: [string, Value][];
  allowUnknown: boolean;
  json: boolean;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`${file}: ${(e as NodeJS.ErrnoException).code ? describeFsError(e) : `not valid JSON (${(e as Error).message})`}`);
  }
}

function isMove(m: unknown): m is StateMove {
  const a = m as StateMove;
  return typeof a?.from?.workspace === 'string' && typeof a.from.address === 'string' && typeof a?.to?.workspace === 'string' && typeof a.to.address === 'string';
}

type ReportChanges = { modules?: { changes?: { moves?: unknown[]; effects?: unknown[] }[] }[] };

function isEffect(e: unknown): e is Effect {
  const a = e as Effect;
  return typeof a?.workspace === 'string' && typeof a.address === 'string' && typeof a.path === 'string' && typeof a.action === 'string';
}

/** Moves from a report (`modules[].changes[].moves`) or a plain list. */
export function movesFrom(data: unknown, label: string): StateMove[] {
  const list = Array.isArray(data) ? data : ((data as ReportChanges)?.modules ?? []).flatMap((m) => (m.changes ?? []).flatMap((c) => c.moves ?? []));
  if (!list.every(isMove)) throw new UsageError(`${label}: expected moves like {"from": {"workspace": "default", "address": "aws_vpc.a"}, "to": {...}}`);
  return list;
}

/** Effects of the behaviour changes in a report (`modules[].changes[].effects`); a plain list of moves has none. */
export function effectsFrom(data: unknown, label: string): Effect[] {
  if (Array.isArray(data)) return [];
  const list = ((data as ReportChanges)?.modules ?? []).flatMap((m) => (m.changes ?? []).flatMap((c) => c.effects ?? []));
  if (!list.every(isEffect)) throw new UsageError(`${label}: expected effects like {"workspace": "prod", "address": "aws_db_instance.db", "path": "multi_az", "action": "update-in-place"}`);
  return list;
}

function parseVerifyArgs(argv: string[], cwd: string): VerifyOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        moves: { type: 'string' },
        workspaces: { type: 'string' },
        'var-file': { type: 'string', multiple: true },
        var: { type: 'string', multiple: true },
        'allow-unknown': { type: 'boolean' },
        json: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/, ''));
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (parsed.positionals.length !== 2) throw new UsageError('verify takes two directories: BEFORE AFTER');
  const [before, after] = parsed.positionals.map((p) => path.resolve(cwd, p)) as [string, string];
  const varFiles: VarFile[] = (v['var-file'] ?? []).map((spec) => {
    const m = /^([A-Za-z0-9_-]+):(.+)$/.exec(spec);
    const scoped = m && !pathExists(path.resolve(cwd, spec));
    const file = path.resolve(cwd, scoped ? m![2]! : spec);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new UsageError(`${spec}: ${describeFsError(e)}`);
    }
    return { workspace: scoped ? m![1]! : null, name: path.basename(file), text };
  });
  return {
    before,
    after,
    ...movesAndEffects(v.moves, cwd),
    ...(v.workspaces ? { workspaces: v.workspaces.split(',').map((w) => w.trim()).filter(Boolean) } : {}),
    varFiles,
    vars: (v.var ?? []).map((flag) => {
      try {
        return parseVarFlag(flag);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
    }),
    allowUnknown: v['allow-unknown'] === true,
    json: v.json === true,
  };
}

function movesAndEffects(file: string | undefined, cwd: string): { moves: StateMove[]; effects: Effect[] } {
  if (!file) return { moves: [], effects: [] };
  const data = readJson(path.resolve(cwd, file));
  return { moves: movesFrom(data, file), effects: effectsFrom(data, file) };
}

function pathExists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

/** The .tf and .tfvars files of a module directory, checked with HashiCorp's parser. */
async function loadModule(dir: string, shown: string): Promise<Map<string, string>> {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new UsageError(`${shown}: not a directory`);
    names = readdirSync(dir).filter((n) => /\.(tf|tfvars)$/.test(n)).sort();
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${shown}: ${describeFsError(e)}`);
  }
  if (!names.some((n) => n.endsWith('.tf'))) throw new UsageError(`${shown}: no .tf files`);
  const { files, errors } = loadFiles(dir, names);
  if (errors.length > 0) {
    const e = errors[0]!;
    throw new UsageError(`${path.join(shown, e.file)}${e.line ? `:${e.line}:${e.column}` : ''}: ${e.message}`);
  }
  for (const f of files) {
    const d = await checkHcl(f.name, f.text);
    if (d) throw new UsageError(`${path.join(shown, f.name)}:${d.line}:${d.column}: ${d.message}`);
  }
  return new Map(files.map((f) => [f.name, f.text]));
}

function line(d: Difference): string {
  const where = [d.workspace, d.address || '(module)', d.path].filter(Boolean).join(' ');
  const what = `${d.before} -> ${d.after}`;
  return `${where}: ${what} (${d.action}${d.intended ? ', intended' : ''})`;
}

export async function runVerify(argv: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; cwd: string }): Promise<number> {
  const err = (s: string): void => void io.stderr.write(s.endsWith('\n') ? s : `${s}\n`);
  let opts: VerifyOptions | 'help';
  try {
    opts = parseVerifyArgs(argv, io.cwd);
    if (opts === 'help') {
      io.stdout.write(VERIFY_HELP);
      return EXIT.ok;
    }
    await initParser();
    const shown = (p: string): string => path.relative(io.cwd, p) || '.';
    const before = await loadModule(opts.before, shown(opts.before));
    const after = await loadModule(opts.after, shown(opts.after));
    const result = verifyModule({
      before,
      after,
      moves: opts.moves,
      effects: opts.effects,
      ...(opts.workspaces ? { workspaces: opts.workspaces } : {}),
      varFiles: opts.varFiles,
      vars: opts.vars,
      readFile: (p) => {
        try {
          return readFileSync(path.resolve(opts === 'help' ? '' : opts.after, p), 'utf8');
        } catch {
          return null;
        }
      },
      allowUnknown: opts.allowUnknown,
    });
    const failures = result.differences.filter((d) => isFailure(d, opts !== 'help' && opts.allowUnknown));
    if (opts.json) io.stdout.write(JSON.stringify({ version: 1, equivalent: result.equivalent, differences: result.differences }, null, 2) + '\n');
    else for (const d of result.differences) io.stdout.write(`${line(d)}\n`);
    const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
    const workspaces = [...new Set(failures.map((d) => d.workspace))];
    const intended = result.differences.filter((d) => d.intended).length;
    const reads = result.differences.filter((d) => !d.intended && d.action === 'read').length;
    const allowed = opts.allowUnknown ? result.differences.filter((d) => !d.intended && d.action === 'cannot judge').length : 0;
    const notes = [
      intended ? count(intended, 'intended difference', 'intended differences') : '',
      reads ? count(reads, 'data source read differently', 'data sources read differently') : '',
      allowed ? count(allowed, 'value it cannot judge (allowed)', 'values it cannot judge (allowed)') : '',
    ].filter(Boolean);
    if (result.equivalent) err(`verify: equivalent${notes.length ? `; ${notes.join('; ')}` : ''}`);
    else err(`verify: NOT equivalent: ${count(failures.length, 'difference', 'differences')} in ${workspaces.join(', ')}`);
    return result.equivalent ? EXIT.ok : EXIT.changes;
  } catch (e) {
    if (e instanceof UsageError || e instanceof EvalError) {
      err(`tfcodemod verify: ${e.message}`);
      return EXIT.error;
    }
    throw e;
  }
}

// Every case in examples/before/<case> is run with --write on a temporary copy; the files the
// run changes or creates must equal examples/after/<case> file by file (the migration script
// included), every HCL file written must parse with HashiCorp's parser and stay fmt-clean when
// it was, `tfcodemod verify` must find each changed module equivalent to its original in every
// workspace the moves lead to, a second run must change nothing, and before must differ from
// after unless the case says it is a no-op. A variant (examples/after/<case>--<variant>) runs
// the before/<case> named in its expected-run.json with other arguments.
// UPDATE_FIXTURES=1 rewrites examples/after from the tool's output.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/run.js';
import { transforms } from '../transforms/index.js';
import { hclFormat, hclParse, isFmtClean, projectRoot } from './helpers.js';

const beforeRoot = path.join(projectRoot, 'examples', 'before');
const afterRoot = path.join(projectRoot, 'examples', 'after');
/** Files in examples/after/<case> that describe the run rather than its output. */
const META = 'expected-run.json';

interface Meta {
  /** Exit code of the --write run (default 0). */
  exitCode?: number;
  /** Substrings the summary on stderr must contain. */
  stderr?: string[];
  /** The case is meant to change nothing. */
  noop?: boolean;
  /** Extra command-line arguments. */
  args?: string[];
  /** For a variant: the examples/before case it runs on. */
  before?: string;
}

function listFiles(dir: string, base = dir): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) for (const [k, v] of listFiles(abs, base)) out.set(k, v);
    else if (entry.isFile()) out.set(path.relative(base, abs).split(path.sep).join('/'), readFileSync(abs, 'utf8'));
  }
  return out;
}

async function runCli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await run(args, { stdout, stderr, cwd, env: {} }, transforms);
  return { code, stdout: out, stderr: err };
}

const readMeta = (name: string): Meta => {
  const p = path.join(afterRoot, name, META);
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as Meta) : {};
};
const cases = [
  ...readdirSync(beforeRoot).filter((c) => statSync(path.join(beforeRoot, c)).isDirectory()),
  ...readdirSync(afterRoot).filter((c) => c.includes('--') && readMeta(c).before !== undefined),
];

interface Report {
  modules: { path: string; changes: { moves: unknown[] }[]; errors?: unknown[] }[];
}

/** `--var-file` arguments for the secrets files a run wrote into a module directory. */
function secretsArgs(dir: string): string[] {
  const out: string[] = [];
  if (existsSync(path.join(dir, 'secrets.tfvars'))) out.push('--var-file', path.join(dir, 'secrets.tfvars'));
  const perWorkspace = path.join(dir, 'secrets');
  if (existsSync(perWorkspace)) {
    for (const f of readdirSync(perWorkspace).sort()) if (f.endsWith('.tfvars')) out.push('--var-file', `${f.slice(0, -'.tfvars'.length)}:${path.join(perWorkspace, f)}`);
  }
  return out;
}

describe('examples', () => {
  for (const name of cases) {
    it(name, async () => {
      const metaPath = path.join(afterRoot, name, META);
      const meta = readMeta(name);
      const source = path.join(beforeRoot, meta.before ?? name);
      const dir = mkdtempSync(path.join(os.tmpdir(), `tfcodemod-example-${name}-`));
      try {
        cpSync(source, dir, { recursive: true });
        const before = listFiles(dir);
        const first = await runCli(['--write', '--allow-dirty', '--json', ...(meta.args ?? []), '.'], dir);
        expect(first.code, first.stderr).toBe(meta.exitCode ?? 0);
        for (const s of meta.stderr ?? []) expect(first.stderr).toContain(s);

        const now = listFiles(dir);
        const written = new Map([...now].filter(([f, text]) => before.get(f) !== text));
        if (process.env.UPDATE_FIXTURES) {
          const target = path.join(afterRoot, name);
          const keep = existsSync(metaPath) ? readFileSync(metaPath, 'utf8') : null;
          rmSync(target, { recursive: true, force: true });
          mkdirSync(target, { recursive: true });
          if (keep !== null) writeFileSync(metaPath, keep);
          for (const [f, text] of written) {
            mkdirSync(path.dirname(path.join(target, f)), { recursive: true });
            writeFileSync(path.join(target, f), text);
          }
        }
        const expected = listFiles(path.join(afterRoot, name));
        expected.delete(META);
        expect([...written.keys()].sort()).toEqual([...expected.keys()].sort());
        for (const [f, text] of expected) expect(written.get(f), f).toBe(text);
        expect(written.size === 0, 'before equals after unless the case is a no-op').toBe(meta.noop === true);
        for (const f of now.keys()) expect(before.has(f) || written.has(f), `${f} vanished`).toBe(true);

        for (const [f, text] of written) {
          if (!/\.(tf|tfvars|tfbackend)$/.test(f)) continue;
          await expect(hclParse(path.basename(f), text), `${f} parses with HashiCorp's parser`).resolves.toBeDefined();
          const original = before.get(f);
          if (original === undefined || (await isFmtClean(original))) expect(await hclFormat(text), `${f} stays fmt-clean`).toBe(text);
        }
        for (const f of written.keys()) {
          const mode = statSync(path.join(dir, f)).mode & 0o777;
          if (path.basename(f) === 'secrets.tfvars' || /(^|\/)secrets\/[^/]+\.tfvars$/.test(f)) expect(mode, f).toBe(0o600);
          if (f.endsWith('.sh')) expect(mode, f).toBe(0o755);
        }

        // Each changed module plans the same as before, workspace by workspace, after its moves.
        const report = JSON.parse(first.stdout) as Report;
        for (const mod of report.modules) {
          if (mod.changes.length === 0 || (mod.errors ?? []).length > 0) continue;
          const movesFile = path.join(os.tmpdir(), `tfcodemod-example-moves-${process.pid}.json`);
          // The module's part of the report: its moves, and the effects of its behaviour changes.
          writeFileSync(movesFile, JSON.stringify({ modules: [mod] }));
          const after = path.join(dir, mod.path);
          const v = await runCli(['verify', path.join(source, mod.path), after, '--moves', movesFile, ...secretsArgs(after)], dir);
          rmSync(movesFile);
          expect(v.code, `${mod.path}: ${v.stdout}${v.stderr}`).toBe(0);
          expect(v.stderr).toContain('verify: equivalent');
        }

        const second = await runCli(['--check', ...(meta.args ?? []), '.'], dir);
        expect(second.code, second.stderr).toBe(meta.exitCode ?? 0);
        expect(listFiles(dir)).toEqual(now);
        expect(second.stderr).toMatch(/: 0 changes in 0 of/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

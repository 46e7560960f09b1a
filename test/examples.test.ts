// Every case in examples/before/<case> is run with --write on a temporary copy; the files the
// run changes or creates must equal examples/after/<case> file by file (the migration script
// included), every HCL file written must parse with HashiCorp's parser and stay fmt-clean when
// it was, a second run must change nothing, and before must differ from after unless the case
// says it is a no-op. UPDATE_FIXTURES=1 rewrites examples/after from the tool's output.
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

const cases = readdirSync(beforeRoot).filter((c) => statSync(path.join(beforeRoot, c)).isDirectory());

describe('examples', () => {
  for (const name of cases) {
    it(name, async () => {
      const metaPath = path.join(afterRoot, name, META);
      const meta: Meta = existsSync(metaPath) ? JSON.parse(readFileSync(metaPath, 'utf8')) : {};
      const dir = mkdtempSync(path.join(os.tmpdir(), `tfcodemod-example-${name}-`));
      try {
        cpSync(path.join(beforeRoot, name), dir, { recursive: true });
        const before = listFiles(dir);
        const first = await runCli(['--write', '--allow-dirty', ...(meta.args ?? []), '.'], dir);
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
          if (path.basename(f) === 'secrets.tfvars') expect(mode, f).toBe(0o600);
          if (f.endsWith('.sh')) expect(mode, f).toBe(0o755);
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

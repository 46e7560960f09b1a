// The pre-scan that finds the roots reads every .tf file; the jobs use those bytes instead of
// reading the files again. What was read is what is rewritten, and what the write guards.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { processModule } from '../../src/engine/pipeline.js';
import { fingerprintOf } from '../../src/files/load.js';
import { writeAll } from '../../src/files/write.js';
import { pipelineRun, tempTree, tracedTfcodemod } from '../helpers.js';

const secret = (pw: string) => `resource "aws_db_instance" "db" {\n  password = "${pw}"\n}\n`;

// Records every file the CLI's threads read through fs.readFileSync (the reads of loadFiles
// and the pre-scan), by path.
const PRELOAD = `
import { appendFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
const fs = createRequire(import.meta.url)('node:fs');
const log = process.env.TFCODEMOD_TEST_LOG;
const read = fs.readFileSync;
fs.readFileSync = function (p, ...rest) {
  if (typeof p === 'string' && p.endsWith('.tf')) appendFileSync(log, p + '\\n');
  return read.call(this, p, ...rest);
};
syncBuiltinESMExports();
`;

describe('files are read once', () => {
  it('each .tf file is read once per run, with or without a worker', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`app${i}/main.tf`] = i % 3 === 0 ? secret(`pw-secret-${i}x`) : 'locals {\n  a = 1\n}\n';
    files['app1/net.tf'] = 'module "net" {\n  source = "../app2"\n}\n';
    const dir = tempTree(files);
    for (const workers of ['0', '1']) {
      const r = tracedTfcodemod(PRELOAD, ['--json', '.'], dir, { TFCODEMOD_WORKERS: workers });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).modules.filter((m: { changes: unknown[] }) => m.changes.length > 0).length).toBe(10);
      const reads = r.lines.map((p) => path.relative(dir, p));
      expect(reads.sort()).toEqual(Object.keys(files).map((f) => path.join(...f.split('/'))).sort());
    }
  }, 60_000);

  it('a job rewrites the bytes it was given, and the write refuses a file that changed since', async () => {
    const dir = tempTree({ 'main.tf': secret('pw-on-disk-1234') });
    const { jobs, settings } = await pipelineRun(dir);
    const given = new TextEncoder().encode(secret('pw-read-earlier-5678'));
    const result = await processModule({ ...jobs[0]!, read: new Map([['main.tf', given]]) }, settings);
    const out = result.outputs.find((o) => o.display === 'main.tf')!;
    expect(out.before).toBe(secret('pw-read-earlier-5678'));
    expect(out.expected).toBe(fingerprintOf(given));
    const tfvars = result.outputs.find((o) => o.display === 'secrets.tfvars')!;
    expect(tfvars.after).toContain('pw-read-earlier-5678');
    await expect(writeAll(result.outputs.map((o) => ({ path: o.abs, text: o.after, expected: o.expected, ...(o.mode !== undefined ? { mode: o.mode } : {}) })))).rejects.toThrow(
      /main\.tf: changed on disk since it was read; nothing was written/,
    );
    expect(readFileSync(path.join(dir, 'main.tf'), 'utf8')).toBe(secret('pw-on-disk-1234'));
  }, 60_000);
});

// The benchmark script runs end to end on a small tree: both scenarios, the tool's changes
// matching what the generator planted, and no verdict on the targets below their tree size. (Its
// timings are not judged here: speed is measured by `npm run bench`, never by a test.)
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers.js';

describe('bench/run.ts', () => {
  it('measures both trees on a small run and judges nothing below the target size', () => {
    const out = execFileSync(process.execPath, [path.join(projectRoot, 'dist', 'bench', 'run.js'), '--files', '40', '--rounds', '1', '--warmup', '0'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const s of ['worst', 'few']) {
      expect(out).toMatch(new RegExp(`^\\| ${s} \\| 40 \\| [\\d.]+ \\| 8 \\| \\d+ \\| \\d+ \\| \\d+ \\| [\\d.]+ \\| \\d+ \\| x[\\d.]+ \\|$`, 'm'));
      const line = out.split('\n').find((l) => l.startsWith(`- ${s}: ratio`));
      expect(line).toBeDefined();
      expect(line).toMatch(/fastest runs' ratio [\d.]+; per round [\d.]+; target <= [\d.]+: not judged below 4000 files\)/);
      const planted = /(\d+) changes in (\d+) modules \(generator: (\d+)\)/.exec(line!);
      expect(planted).not.toBeNull();
      expect(Number(planted![1])).toBeGreaterThan(0);
      expect(planted![2]).toBe(planted![3]);
      expect(line).not.toContain('MISMATCH');
    }
  }, 120_000);
});

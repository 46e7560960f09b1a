// What a run prints and writes, fed one module result at a time (in module order) and then
// finished: the diff or the JSON report stream out as modules complete; summary lines and
// planned writes are kept; everything else of a result is dropped, so memory follows the
// largest module, not the tree.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { renderDiff } from '../engine/patch.js';
import type { ModuleResult, OutputFile } from '../engine/pipeline.js';
import { ReportWriter } from '../engine/report.js';
import { fingerprintOf } from '../files/load.js';
import { writeAll, WriteError, type PlannedWrite } from '../files/write.js';
import type { CliOptions } from './args.js';
import { moduleSummary, nextSteps, type SummaryStyle } from './summary.js';

export const EXIT = { ok: 0, changes: 1, error: 2 } as const;

export interface OutputSettings {
  cli: CliOptions;
  write: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
  style: SummaryStyle;
  stdoutColor: boolean;
  /** Shows a path the way messages should (relative to the cwd). */
  shown: (abs: string) => string;
}

const fileDiff = (o: OutputFile) => ({ path: o.display, before: o.before, after: o.after, ...(o.mode !== undefined ? { mode: o.mode } : {}) });

export class RunOutputs {
  private readonly report: ReportWriter | null;
  private readonly summary: string[] = [];
  private readonly next: string[] = [];
  private readonly patch: string[] = [];
  private readonly planned: PlannedWrite[] = [];
  /** Difference lines of modules whose rewrite would not plan the same (verify). */
  private readonly unverified: string[] = [];
  private modules = 0;
  private touched = 0;
  private changes = 0;
  private errors = 0;

  constructor(private readonly s: OutputSettings) {
    this.report = s.cli.json ? new ReportWriter(s.write) : null;
    this.report?.open();
  }

  add(r: ModuleResult): void {
    const { cli } = this.s;
    this.modules++;
    if (r.outputs.length > 0) this.touched++;
    this.changes += r.changes.length;
    // Error findings (a refused change, such as two roots sharing one state key) fail the run too.
    this.errors += r.errors.length + r.findings.filter((f) => f.severity === 'error').length;
    if (this.report) this.report.module(r);
    else {
      for (const o of r.outputs) {
        // A behaviour change changes real infrastructure: its files' diffs say so first (a line
        // before `diff --git`, which git apply and patch skip).
        for (const c of r.changes) {
          if (c.kind === 'behaviour' && c.files.some((f) => path.join(r.dir, f) === o.abs)) {
            this.s.write(`${this.s.stdoutColor ? '\x1b[33m' : ''}# behaviour change (${c.transform}): ${c.title}${this.s.stdoutColor ? '\x1b[0m' : ''}\n`);
          }
        }
        this.s.write(renderDiff(fileDiff(o), { color: this.s.stdoutColor, secrets: cli.showSecrets ? [] : r.secrets }));
      }
    }
    if (cli.patch !== undefined) for (const o of r.outputs) this.patch.push(renderDiff(fileDiff(o), { color: false, secrets: [] }));
    if (cli.write) for (const o of r.outputs) this.planned.push({ path: o.abs, text: o.after, ...(o.mode !== undefined ? { mode: o.mode } : {}), expected: o.expected });
    if (r.verification && !r.verification.equivalent) {
      for (const d of r.verification.differences) {
        this.unverified.push(`${r.path}: ${[d.workspace, d.address, d.path].filter(Boolean).join(' ')}: ${d.before} -> ${d.after} (${d.action})`);
      }
    }
    this.summary.push(...moduleSummary(r, this.s.style));
    this.next.push(...nextSteps([r], this.s.style, cli.write));
  }

  /** Prints the summary, writes the patch and the files; returns the exit code. */
  async finish(treeErrors: { file: string; message: string }[], modulesFound: number): Promise<number> {
    const { cli, err } = this.s;
    this.report?.close(treeErrors);
    for (const line of this.summary) err(line);
    const errors = this.errors + treeErrors.length;
    let code: number = errors > 0 ? EXIT.error : cli.check && this.changes > 0 ? EXIT.changes : EXIT.ok;

    if (cli.patch !== undefined) {
      const patchPath = path.resolve(this.s.cwd, cli.patch);
      try {
        const expected = await fs.readFile(patchPath).then(fingerprintOf, () => null);
        await writeAll([{ path: patchPath, text: this.patch.join(''), mode: 0o600, expected }], this.s.shown);
        await fs.chmod(patchPath, 0o600);
      } catch (e) {
        err(`tfcodemod: ${(e as Error).message}`);
        code = EXIT.error;
      }
    }
    let wrote = false;
    if (cli.write && this.unverified.length > 0) {
      err(`tfcodemod: verify: the rewrite would not plan the same as the original; nothing was written (--no-verify skips this check):`);
      for (const line of this.unverified) err(`  ${line}`);
      code = Math.max(code, EXIT.changes);
    } else if (cli.write && this.planned.length > 0) {
      try {
        await writeAll(this.planned, this.s.shown);
        wrote = true;
      } catch (e) {
        if (!(e instanceof WriteError)) throw e;
        err(`tfcodemod: ${e.message}`);
        code = EXIT.error;
      }
    }

    if (modulesFound === 0 && treeErrors.length === 0) err(`tfcodemod: no Terraform modules (directories with .tf files) under ${cli.paths.join(', ')}`);
    const n = this.changes;
    const counts = `${n} change${n === 1 ? '' : 's'} in ${this.touched} of ${modulesFound} module${modulesFound === 1 ? '' : 's'}${errors ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''}`;
    if (cli.write) err(`tfcodemod: ${counts}; ${wrote ? `wrote ${this.planned.length} files` : 'nothing was written'}.`);
    else if (cli.check) err(`tfcodemod: ${counts}${n > 0 ? '; run tfcodemod --write to apply them' : ''}.`);
    else err(`tfcodemod: ${counts}. Dry run: nothing was written${n > 0 ? '; --write applies them' : ''}.`);
    if (this.next.length > 0 && (cli.write ? wrote : !cli.check)) err(`${wrote ? 'Next' : 'After --write'}:\n${this.next.join('\n')}`);
    return code;
  }
}

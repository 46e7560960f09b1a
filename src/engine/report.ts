// The JSON report (`--json`, version 1; DESIGN.md "JSON report"), written one module at a time
// so a large tree never has to be held in memory. Secret values never enter it: results carry
// them apart, only for masking.
import type { ModuleResult } from './pipeline.js';

export interface ReportModule {
  path: string;
  root: boolean;
  changes: {
    id: string;
    transform: string;
    title: string;
    reason: string;
    kind: string;
    files: string[];
    requires: string[];
    moves: ModuleResult['changes'][number]['moves'];
    effects: ModuleResult['changes'][number]['effects'];
    findings: ModuleResult['findings'];
    instructions: string[];
  }[];
  findings: ModuleResult['findings'];
  errors: ModuleResult['errors'];
  /** Files the run writes for the module that belong to no single change (the migration script). */
  artifacts: string[];
}

export interface ReportSummary {
  changes: number;
  moves: number;
  findings: number;
  errors: number;
}

export function reportModule(r: ModuleResult): ReportModule {
  const changeFiles = new Set(r.changes.flatMap((c) => c.files));
  const moduleDir = r.path === '.' ? '' : `${r.path}/`;
  return {
    path: r.path,
    root: r.isRoot,
    changes: r.changes.map((c) => ({
      id: c.id,
      transform: c.transform,
      title: c.title,
      reason: c.reason,
      kind: c.kind,
      files: c.files,
      requires: c.requires,
      moves: c.moves,
      effects: c.effects,
      findings: c.findings,
      instructions: c.instructions,
    })),
    findings: r.findings,
    errors: r.errors,
    artifacts: r.outputs
      .map((o) => (o.display.startsWith(moduleDir) ? o.display.slice(moduleDir.length) : o.display))
      .filter((f) => !changeFiles.has(f)),
  };
}

/** Adds one module's counts to a summary. */
export function countModule(summary: ReportSummary, m: ReportModule): void {
  summary.changes += m.changes.length;
  summary.moves += m.changes.reduce((n, c) => n + c.moves.length, 0);
  summary.findings += m.findings.length + m.changes.reduce((n, c) => n + c.findings.length, 0);
  summary.errors += m.errors.length;
}

/**
 * Writes the report as it grows: `open()`, `module()` per module in order, `close()`. The
 * text is what JSON.stringify(report, null, 2) would give for the whole report.
 */
export class ReportWriter {
  private first = true;
  readonly summary: ReportSummary = { changes: 0, moves: 0, findings: 0, errors: 0 };

  constructor(private readonly write: (s: string) => void) {}

  open(): void {
    this.write('{\n  "version": 1,\n  "modules": [');
  }

  module(r: ModuleResult): void {
    const m = reportModule(r);
    countModule(this.summary, m);
    const json = JSON.stringify(m, null, 2).replace(/\n/g, '\n    ');
    this.write(`${this.first ? '\n' : ',\n'}    ${json}`);
    this.first = false;
  }

  /** `treeErrors`: problems outside any module (paths that cannot be read). */
  close(treeErrors: { file: string; message: string }[]): void {
    this.summary.errors += treeErrors.length;
    let tail = this.first ? ']' : '\n  ]';
    tail += `,\n  "summary": ${JSON.stringify(this.summary, null, 2).replace(/\n/g, '\n  ')}`;
    if (treeErrors.length > 0) tail += `,\n  "errors": ${JSON.stringify(treeErrors, null, 2).replace(/\n/g, '\n  ')}`;
    this.write(`${tail}\n}\n`);
  }
}

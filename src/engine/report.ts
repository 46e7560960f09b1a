// The JSON report (`--json`, version 1; DESIGN.md "JSON report"). Built from module results;
// secret values never enter it (results carry them apart, and only for masking).
import type { ModuleResult } from './pipeline.js';

export interface Report {
  version: 1;
  modules: {
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
  }[];
  summary: { changes: number; moves: number; findings: number; errors: number };
  /** Problems outside any module (paths that cannot be read). */
  errors?: { file: string; message: string }[];
}

export function buildReport(results: readonly ModuleResult[], treeErrors: { file: string; message: string }[] = []): Report {
  const report: Report = { version: 1, modules: [], summary: { changes: 0, moves: 0, findings: 0, errors: treeErrors.length } };
  for (const r of results) {
    const changeFiles = new Set(r.changes.flatMap((c) => c.files));
    const moduleDir = r.path === '.' ? '' : `${r.path}/`;
    report.modules.push({
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
    });
    report.summary.changes += r.changes.length;
    report.summary.moves += r.changes.reduce((n, c) => n + c.moves.length, 0);
    report.summary.findings += r.findings.length + r.changes.reduce((n, c) => n + c.findings.length, 0);
    report.summary.errors += r.errors.length;
  }
  if (treeErrors.length > 0) report.errors = treeErrors;
  return report;
}

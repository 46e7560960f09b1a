// The human summary on stderr: one line per change, then findings and errors as
// `path:line:col: message`, then what to do next. Never a secret value (changes carry none).
import path from 'node:path';
import type { ModuleResult } from '../engine/pipeline.js';
import type { Finding } from '../engine/types.js';

export interface SummaryStyle {
  color: boolean;
  /** Turns a module-relative file into the path the user should see (from the cwd). */
  where(module: ModuleResult, file?: string): string;
}

const paint = (on: boolean, code: string, s: string): string => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

export function locationOf(module: ModuleResult, style: SummaryStyle, f: { file?: string; line?: number; column?: number }): string {
  const p = style.where(module, f.file);
  return f.line !== undefined ? `${p}:${f.line}:${f.column ?? 1}` : p;
}

/** `path:line:col: error: message` for an error of a module. */
export function errorLine(module: ModuleResult, e: ModuleResult['errors'][number], style: SummaryStyle): string {
  return `${locationOf(module, style, e)}: ${paint(style.color, '31', 'error')}: ${e.message}`;
}

function findingLine(module: ModuleResult, f: Finding, style: SummaryStyle): string {
  const sev = f.severity === 'error' ? paint(style.color, '31', 'error') : f.severity === 'warning' ? paint(style.color, '33', 'warning') : 'info';
  return `${locationOf(module, style, f)}: ${sev}: ${f.message} [${f.transform}]`;
}

export function moduleSummary(r: ModuleResult, style: SummaryStyle): string[] {
  const lines: string[] = [];
  const label = r.path === '.' ? '.' : r.path;
  for (const c of r.changes) {
    const kind = c.kind === 'behaviour' ? paint(style.color, '33', 'behaviour') : 'refactor';
    lines.push(`${label}: ${c.transform} (${kind}): ${c.title}`);
  }
  for (const c of r.changes) for (const f of c.findings) lines.push(findingLine(r, f, style));
  for (const f of r.findings) lines.push(findingLine(r, f, style));
  for (const n of r.notApplied) if (n.note !== 'rejected') lines.push(`${label}: not applied: ${n.title} (${n.note})`);
  for (const e of r.errors) lines.push(errorLine(r, e, style));
  return lines;
}

export function nextSteps(results: readonly ModuleResult[], style: SummaryStyle, wrote: boolean): string[] {
  const lines: string[] = [];
  for (const r of results) {
    const steps = [...new Set(r.changes.flatMap((c) => c.instructions))];
    const script = r.outputs.find((o) => o.mode === 0o755 && path.basename(o.abs).endsWith('.sh'));
    const tfmigrate = r.outputs.filter((o) => o.run !== undefined);
    if (steps.length === 0 && !script && tfmigrate.length === 0) continue;
    lines.push(`${r.path}:`);
    for (const s of steps) lines.push(`  - ${s}`);
    if (script && wrote) lines.push(`  - review and run ${style.where(r, path.relative(r.dir, script.abs))} (try --dry-run first)`);
    for (const f of tfmigrate) if (wrote) lines.push(`  - from ${style.where(r, '.')}: ${f.run}`);
  }
  return lines;
}

// Turns the accepted changes of one transform into new file texts: range edits, appended
// top-level items and appended lines, applied in one pass per file.
import { applyEditsTracked, type TextEdit } from '../cst/edit.js';
import { lineEndingOf } from '../cst/text.js';
import type { Change } from './types.js';

export interface FileUpdate {
  text: string;
  /** The edits as applied to the previous text (sorted), for incremental re-parsing. */
  applied: TextEdit[];
  /** Mode for a file that did not exist before, when a change asked for one. */
  mode?: number;
}

/**
 * Applies `changes` (in order) to `texts`. Files absent from `texts` are created. Throws
 * EditConflictError when two edits overlap.
 */
export function applyChanges(texts: ReadonlyMap<string, string>, changes: readonly Change[]): Map<string, FileUpdate> {
  const byFile = new Map<string, { edits: TextEdit[]; items: string[]; lines: string[]; mode?: number }>();
  const slot = (file: string) => {
    let s = byFile.get(file);
    if (!s) byFile.set(file, (s = { edits: [], items: [], lines: [] }));
    return s;
  };
  for (const c of changes) {
    for (const e of c.edits) slot(e.file).edits.push(e);
    for (const a of c.appends) {
      const s = slot(a.file);
      s.items.push(a.text);
      if (a.mode !== undefined && !texts.has(a.file)) s.mode = a.mode;
    }
    for (const l of c.lines) slot(l.file).lines.push(l.line);
  }
  const out = new Map<string, FileUpdate>();
  for (const [file, s] of byFile) {
    const before = texts.get(file) ?? '';
    const edits = [...s.edits];
    if (s.items.length > 0) edits.push({ start: before.length, end: before.length, text: appendedItems(before, s.items) });
    if (s.lines.length > 0) {
      const text = appendedLines(before, s.lines);
      if (text !== '') edits.push({ start: before.length, end: before.length, text });
    }
    const { text, applied } = applyEditsTracked(before, edits, texts.has(file) ? lineEndingOf(before) : '\n');
    out.set(file, { text, applied, ...(s.mode !== undefined ? { mode: s.mode } : {}) });
  }
  return out;
}

/** Items separated from what is there and from each other by one blank line. */
function appendedItems(before: string, items: string[]): string {
  const body = items.join('\n');
  if (before.trim() === '') return before === '' ? body : body;
  if (/\n[ \t]*\r?\n$/.test(before)) return body;
  if (before.endsWith('\n')) return '\n' + body;
  return '\n\n' + body;
}

/** Lines not already present, each ending with a newline. */
function appendedLines(before: string, lines: string[]): string {
  const present = new Set(before.split(/\r?\n/).map((l) => l.trim()));
  const fresh: string[] = [];
  for (const l of lines) {
    if (present.has(l.trim())) continue;
    present.add(l.trim());
    fresh.push(l);
  }
  if (fresh.length === 0) return '';
  const prefix = before === '' || before.endsWith('\n') ? '' : '\n';
  return prefix + fresh.map((l) => l + '\n').join('');
}

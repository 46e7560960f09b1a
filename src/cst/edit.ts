// Edits are ranges into an original text plus replacement text. They are applied in one pass:
// sorted, checked for overlap (an error, never a silent drop), untouched text copied verbatim.
import { type LineEnding, withLineEnding } from './text.js';

export interface TextEdit {
  /** UTF-16 offset where the replaced range starts. */
  start: number;
  /** UTF-16 offset just past the replaced range (== start for an insertion). */
  end: number;
  /** Replacement text, written with LF line endings. */
  text: string;
  /** Who asked for the edit, for error messages (a change id). */
  origin?: string;
}

export class EditConflictError extends Error {
  constructor(
    readonly first: TextEdit,
    readonly second: TextEdit,
  ) {
    super(
      `overlapping edits: [${first.start},${first.end})${first.origin ? ` from ${first.origin}` : ''} and ` +
        `[${second.start},${second.end})${second.origin ? ` from ${second.origin}` : ''}`,
    );
    this.name = 'EditConflictError';
  }
}

export class EditRangeError extends Error {
  constructor(edit: TextEdit, length: number) {
    super(`edit [${edit.start},${edit.end}) is outside the text (length ${length})${edit.origin ? ` from ${edit.origin}` : ''}`);
    this.name = 'EditRangeError';
  }
}

/**
 * Applies edits to `text`. Insertions at the same offset keep the order they were given in and
 * come before a replacement that starts there. Overlapping deletions delete their union; any
 * other two edits whose ranges overlap, or an insertion strictly inside a replaced range, throw
 * EditConflictError. Inserted text is
 * converted to `eol` (the file's own line ending).
 */
export function applyEdits(text: string, edits: readonly TextEdit[], eol: LineEnding = '\n'): string {
  return applyEditsTracked(text, edits, eol).text;
}

/** applyEdits, also returning the edits as applied: sorted, with converted line endings. */
export function applyEditsTracked(
  text: string,
  edits: readonly TextEdit[],
  eol: LineEnding = '\n',
): { text: string; applied: TextEdit[] } {
  if (edits.length === 0) return { text, applied: [] };
  const ordered = edits
    .map((edit, seq) => ({ edit, seq }))
    .sort(
      (a, b) =>
        a.edit.start - b.edit.start ||
        Number(a.edit.end > a.edit.start) - Number(b.edit.end > b.edit.start) ||
        a.seq - b.seq,
    )
    .map((x) => x.edit);
  const parts: string[] = [];
  const applied: TextEdit[] = [];
  let cursor = 0;
  let previous: TextEdit | null = null;
  for (const edit of ordered) {
    if (edit.start < 0 || edit.end < edit.start || edit.end > text.length) throw new EditRangeError(edit, text.length);
    if (previous && edit.start < previous.end) {
      // Two deletions that overlap (two blocks removed by two changes share the blank line
      // between them) delete their union; anything else overlapping is a conflict.
      if (edit.text === '' && previous.text === '' && previous.end > previous.start) {
        if (edit.end > previous.end) {
          applied[applied.length - 1] = { ...applied[applied.length - 1]!, end: edit.end };
          previous = { start: previous.start, end: edit.end, text: '' };
          cursor = edit.end;
        }
        continue;
      }
      throw new EditConflictError(previous, edit);
    }
    const inserted = withLineEnding(edit.text, eol);
    parts.push(text.slice(cursor, edit.start), inserted);
    applied.push({ start: edit.start, end: edit.end, text: inserted });
    cursor = edit.end;
    previous = edit;
  }
  parts.push(text.slice(cursor));
  return { text: parts.join(''), applied };
}

// Plain-text helpers over UTF-16 offsets: positions, line boundaries, indentation, line endings.

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column in Unicode code points (what editors and HCL diagnostics show). */
  column: number;
}

/** Line and column of a UTF-16 offset. A leading BOM is not counted as a column. */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  if (line === 1 && text.charCodeAt(0) === 0xfeff && offset > 0) lineStart = 1;
  let column = 1;
  for (let i = lineStart; i < offset; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < offset) i++;
    column++;
  }
  return { line, column };
}

/** The offset of the first character of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  const i = text.lastIndexOf('\n', offset - 1);
  return i + 1;
}

/** The comment after `offset` on its line (`# note`), trimmed, or '' when the rest is not one. */
export function trailingCommentAt(text: string, offset: number): string {
  const lineEnd = text.indexOf('\n', offset);
  const rest = text.slice(offset, lineEnd === -1 ? text.length : lineEnd).trim();
  return /^(#|\/\/|\/\*)/.test(rest) ? rest : '';
}

/** The offset just past the line break of the line holding `offset` (or text.length). */
export function lineEndAfterBreak(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i === -1 ? text.length : i + 1;
}

/** The whitespace that starts the line holding `offset`. */
export function indentationAt(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/** True when only spaces/tabs stand between the start of the line and `offset`. */
export function isFirstOnLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '\n') return true;
    if (c !== ' ' && c !== '\t' && c !== '\ufeff') return false;
  }
  return true;
}

/** True when the line holding `offset` has nothing but whitespace. */
export function isBlankLine(text: string, offset: number): boolean {
  const start = lineStartOf(text, offset);
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? text.length : end).trim() === '';
}

export type LineEnding = '\n' | '\r\n';

/** The line ending a file uses, judged by its first line break (LF when there is none). */
export function lineEndingOf(text: string): LineEnding {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

/** Converts LF-only generated text to a file's line ending. */
export function withLineEnding(text: string, eol: LineEnding): string {
  return eol === '\n' ? text : text.replace(/\r?\n/g, '\r\n');
}

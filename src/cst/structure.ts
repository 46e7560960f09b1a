// Structural edits that keep `terraform fmt` layout: removing items with the blank line they
// leave, inserting attributes into a body while re-aligning the `=` signs and trailing comments
// of the run they join, inserting a nested block. They return plain text edits; only the
// whitespace of the runs they change is touched besides the items themselves.
import { applyEdits, type TextEdit } from './edit.js';
import { attributeName, blockClose, blockOpen, bodyOf, childrenOf, itemsOf } from './nodes.js';
import { parseHcl, type Node } from './parser.js';
import { INDENT } from './printer.js';
import { indentationAt, isBlankLine, lineEndAfterBreak, lineStartOf } from './text.js';

/**
 * The range to delete to remove `node` (a block or attribute on lines of its own), including
 * comment lines directly above it and one blank line, so no double blank line is left behind.
 */
export function removalRange(text: string, node: Node): { start: number; end: number } {
  let start = lineStartOf(text, node.startIndex);
  for (;;) {
    if (start === 0) break;
    const prevStart = lineStartOf(text, start - 1);
    const line = text.slice(prevStart, start).trim();
    if (!(line.startsWith('#') || line.startsWith('//'))) break;
    start = prevStart;
  }
  let end = lineEndAfterBreak(text, node.endIndex);
  const blankBefore = start === 0 || isBlankLine(text, start - 1);
  const nextIsBlank = end < text.length && isBlankLine(text, end);
  if (nextIsBlank && blankBefore) {
    end = lineEndAfterBreak(text, end);
  } else if (!nextIsBlank && start > 0 && isBlankLine(text, start - 1)) {
    const rest = text.slice(end).trimStart();
    if (rest === '' || rest.startsWith('}')) start = lineStartOf(text, start - 1);
  }
  return { start, end };
}

/** A single-line attribute, measured for alignment. */
interface AttrLine {
  kind: 'attr';
  name: string;
  indent: number;
  /** Original whitespace between name and `=` (range), for existing lines. */
  padStart: number;
  padEnd: number;
  /** Length of `= value` (from `=` to the end of the value). */
  rest: number;
  /** Original whitespace between value and trailing comment (range), when there is a comment. */
  commentPad: { start: number; end: number } | null;
  /** Set on lines being inserted. */
  inserted?: NewAttribute;
}
/** 'continuation': a line inside a heredoc value, which does not break a run for fmt. */
type Line = AttrLine | { kind: 'other' } | { kind: 'continuation' };

/** True when an attribute's value is a heredoc: fmt aligns its `=` like a one-line value. */
function isHeredoc(attr: Node): boolean {
  const value = childrenOf(attr).find((k) => k.type === 'expression');
  return value?.namedChild(0)?.type === 'template_expr' && value.namedChild(0)?.namedChild(0)?.type === 'heredoc_template';
}

function measure(text: string, attr: Node): AttrLine | null {
  const kids = childrenOf(attr);
  const name = kids[0];
  const eq = kids.find((k) => k.type === '=');
  if (!name || !eq) return null;
  const line = { kind: 'attr', name: name.text, indent: attr.startIndex - lineStartOf(text, attr.startIndex), padStart: name.endIndex, padEnd: eq.startIndex } as const;
  if (attr.startPosition.row !== attr.endPosition.row) {
    if (!isHeredoc(attr)) return null;
    const firstLineEnd = text.indexOf('\n', eq.startIndex);
    return { ...line, rest: text.slice(eq.startIndex, firstLineEnd).replace(/\r$/, '').trimEnd().length, commentPad: null };
  }
  const lineEnd = text.indexOf('\n', attr.endIndex);
  const rest = text.slice(attr.endIndex, lineEnd === -1 ? text.length : lineEnd).replace(/\r$/, '');
  const trimmed = rest.trimStart();
  const hasComment = /^(#|\/\/|\/\*)/.test(trimmed);
  if (trimmed !== '' && !hasComment) return null;
  return { ...line, rest: attr.endIndex - eq.startIndex, commentPad: hasComment ? { start: attr.endIndex, end: attr.endIndex + (rest.length - trimmed.length) } : null };
}

export interface NewAttribute {
  name: string;
  /** Printed value, one line. */
  value: string;
  /** Insert after this item; undefined = after the last attribute; null = first in the body. */
  after?: Node | null;
}

const rowOf = (text: string, offset: number): number => {
  let row = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) row++;
  return row;
};

/**
 * Edits that remove attributes from and insert attributes into `block`'s body, re-aligning the
 * runs the changes touch exactly as `terraform fmt` would: `=` aligned within a run of
 * consecutive single-line attributes, trailing comments aligned within a chain of commented
 * lines of a run. Runs the change does not touch are left byte for byte.
 */
export function editAttributes(text: string, block: Node, change: { remove?: Node[]; insert?: NewAttribute[] }): TextEdit[] {
  const remove = change.remove ?? [];
  const insert = change.insert ?? [];
  const open = blockOpen(block);
  const close = blockClose(block);
  if (!open || !close) throw new Error('block without braces');
  const items = itemsOf(bodyOf(block));
  const blockIndent = indentationAt(text, block.startIndex);
  if (open.startPosition.row === close.startPosition.row) return [expandOneLineBlock(text, block, items, remove, insert, blockIndent)];

  const edits: TextEdit[] = [];
  const indent = items[0] ? indentationAt(text, items[0].startIndex) : blockIndent + INDENT;
  const firstRow = open.startPosition.row + 1;
  const lastRow = close.startPosition.row - 1;
  const rows = new Map<number, Line>();
  for (const item of items) {
    const m = item.type === 'attribute' ? measure(text, item) : null;
    if (!m) continue;
    rows.set(item.startPosition.row, m);
    for (let r = item.startPosition.row + 1; r <= item.endPosition.row; r++) rows.set(r, { kind: 'continuation' });
  }
  // Removed items (and the comment and blank lines that go with them) leave the sequence; the
  // lines around them become neighbours, so their runs are re-aligned.
  const removedRows = new Set<number>();
  for (const node of remove) {
    const range = removalRange(text, node);
    edits.push({ ...range, text: '' });
    for (let r = rowOf(text, range.start); r < rowOf(text, range.end); r++) removedRows.add(r);
  }
  const touchedRows = new Set<number>();
  for (const r of removedRows) touchedRows.add(r - 1).add(r + 1);

  const lastAttr = [...items].reverse().find((i) => i.type === 'attribute' && !remove.includes(i)) ?? null;
  const after = new Map<number, NewAttribute[]>();
  const atStart: NewAttribute[] = [];
  for (const ins of insert) {
    const anchor = ins.after === undefined ? lastAttr : ins.after;
    if (anchor === null) atStart.push(ins);
    else after.set(anchor.endPosition.row, [...(after.get(anchor.endPosition.row) ?? []), ins]);
  }
  const virtual = (ins: NewAttribute): AttrLine => ({
    kind: 'attr',
    name: ins.name,
    indent: indent.length,
    padStart: 0,
    padEnd: 0,
    rest: 2 + ins.value.length,
    commentPad: null,
    inserted: ins,
  });
  const sequence: { line: Line; row: number | null }[] = atStart.map((ins) => ({ line: virtual(ins), row: null }));
  for (let r = firstRow; r <= lastRow; r++) {
    if (!removedRows.has(r)) sequence.push({ line: rows.get(r) ?? { kind: 'other' }, row: r });
    for (const ins of after.get(r) ?? []) sequence.push({ line: virtual(ins), row: null });
  }

  const widths = new Map<NewAttribute, number>();
  let run: { line: AttrLine; row: number | null }[] = [];
  const closeRun = (): void => {
    if (run.some((s) => s.line.inserted || (s.row !== null && touchedRows.has(s.row)))) {
      const width = alignRun(text, run.map((s) => s.line), edits);
      for (const s of run) if (s.line.inserted) widths.set(s.line.inserted, width);
    }
    run = [];
  };
  for (const s of sequence) {
    if (s.line.kind === 'attr') run.push(s as { line: AttrLine; row: number | null });
    else if (s.line.kind !== 'continuation') closeRun();
  }
  closeRun();

  // The inserted lines, at the end of their anchor's line (after a trailing comment).
  const printed = (ins: NewAttribute): string => `${indent}${ins.name.padEnd(widths.get(ins) ?? 0)} = ${ins.value}`;
  if (atStart.length > 0) {
    const at = lineEndAfterBreak(text, open.endIndex);
    edits.push({ start: at, end: at, text: atStart.map((i) => printed(i) + '\n').join('') });
  }
  for (const [row, list] of after) {
    const anchor = items.find((i) => i.endPosition.row === row)!;
    let at = text.indexOf('\n', anchor.endIndex);
    if (at === -1) at = text.length;
    if (at > 0 && text[at - 1] === '\r') at--;
    edits.push({ start: at, end: at, text: list.map((i) => '\n' + printed(i)).join('') });
  }
  return edits;
}

/** Pads `=` and trailing comments of one run; returns the name width of the run. */
function alignRun(text: string, run: AttrLine[], edits: TextEdit[]): number {
  const width = Math.max(...run.map((l) => l.name.length));
  for (const l of run) {
    if (l.inserted) continue;
    const pad = ' '.repeat(width - l.name.length + 1);
    if (text.slice(l.padStart, l.padEnd) !== pad) edits.push({ start: l.padStart, end: l.padEnd, text: pad });
  }
  let chain: AttrLine[] = [];
  const content = (l: AttrLine): number => l.indent + width + 1 + l.rest;
  const closeChain = (): void => {
    if (chain.length === 0) return;
    const col = Math.max(...chain.map(content)) + 1;
    for (const l of chain) {
      const pad = ' '.repeat(col - content(l));
      if (text.slice(l.commentPad!.start, l.commentPad!.end) !== pad) edits.push({ ...l.commentPad!, text: pad });
    }
    chain = [];
  };
  for (const l of run) {
    if (l.commentPad) chain.push(l);
    else closeChain();
  }
  closeChain();
  return width;
}

/** `x {}` / `x { a = 1 }` written onto several lines with the changes applied. */
function expandOneLineBlock(text: string, block: Node, items: Node[], remove: Node[], insert: NewAttribute[], blockIndent: string): TextEdit {
  const open = blockOpen(block)!;
  const close = blockClose(block)!;
  const kept = items.filter((i) => !remove.includes(i));
  const entries: { name: string; value: string }[] = [];
  for (const ins of insert.filter((i) => i.after === null)) entries.push(ins);
  for (const i of kept) {
    const value = childrenOf(i).find((k) => k.type === 'expression');
    entries.push({ name: attributeName(i), value: value ? text.slice(value.startIndex, value.endIndex) : '' });
  }
  for (const ins of insert.filter((i) => i.after !== null)) entries.push(ins);
  const width = Math.max(...entries.map((e) => e.name.length));
  const inner = entries.map((e) => `${blockIndent}${INDENT}${e.name.padEnd(width)} = ${e.value}\n`).join('');
  return { start: open.endIndex, end: close.startIndex, text: `\n${inner}${blockIndent}` };
}

/**
 * An edit that inserts a nested block (printed at column 0, LF endings) as the last item of
 * `block`'s body, separated from what is there by a blank line.
 */
export function insertNestedBlock(text: string, block: Node, printed: string): TextEdit {
  const close = blockClose(block);
  const open = blockOpen(block);
  if (!close || !open) throw new Error('block without braces');
  const blockIndent = indentationAt(text, block.startIndex);
  const indented = printed
    .split('\n')
    .map((l) => (l === '' ? l : blockIndent + INDENT + l))
    .join('\n');
  if (open.startPosition.row === close.startPosition.row) {
    return { start: open.endIndex, end: close.startIndex, text: `\n${indented}${blockIndent}` };
  }
  const empty = itemsOf(bodyOf(block)).length === 0;
  const at = lineStartOf(text, close.startIndex);
  return { start: at, end: at, text: (empty ? '' : '\n') + indented };
}

/** Replaces a block (or attribute) node with printed text (column 0, LF), keeping its indentation. */
export function replaceItem(text: string, node: Node, printed: string): TextEdit {
  const indent = indentationAt(text, node.startIndex);
  const body = printed.replace(/\n$/, '');
  const reindented = body
    .split('\n')
    .map((l, i) => (i === 0 || l === '' ? l : indent + l))
    .join('\n');
  return { start: node.startIndex, end: node.endIndex, text: reindented };
}

/**
 * `terraform fmt`'s alignment for new text: `=` aligned in every run of consecutive
 * single-line attributes or object elements, trailing comments aligned within each run. Only
 * for text the tool generates (it touches every run).
 */
export function realign(text: string): string {
  const tree = parseHcl(text);
  try {
    const edits: TextEdit[] = [];
    const visit = (n: Node): void => {
      const items =
        n.type === 'body' ? itemsOf(n).filter((i) => i.type === 'attribute') : n.type === 'object' ? n.namedChildren.filter((c): c is Node => c?.type === 'object_elem') : [];
      let run: AttrLine[] = [];
      let lastRow = -2;
      const close = (): void => {
        if (run.length > 0) alignRun(text, run, edits);
        run = [];
      };
      const rows = new Map<number, number>();
      for (const i of items) rows.set(i.startPosition.row, (rows.get(i.startPosition.row) ?? 0) + 1);
      for (const i of items) {
        const m = rows.get(i.startPosition.row) === 1 ? measure(text, i) : null;
        if (!m || i.startPosition.row !== lastRow + 1) close();
        if (m) run.push(m);
        lastRow = m ? i.endPosition.row : -2;
      }
      close();
      for (const c of n.namedChildren) if (c) visit(c);
    };
    visit(tree.rootNode);
    return applyEdits(text, edits);
  } finally {
    tree.delete();
  }
}

// Nested blocks as data: the text of a block's attributes as an HCL object (its comments going
// along), and the `dynamic` block that turns such objects back into blocks. merge-environments
// (per-environment lists) and fold-security-rules (maps of rules) both write these.
import { attributeName, attributeValue, bodyOf, itemsOf } from './nodes.js';
import type { Node } from './parser.js';
import { isIdentifier, printKey } from './printer.js';
import { quoteHcl } from './strings.js';
import { lineStartOf, trailingCommentAt } from './text.js';

/**
 * Moves multi-line expression text to another column: continuation lines shift by the
 * difference, except the lines inside a heredoc, whose bytes are its value.
 */
export function reindent(text: string, from: number, to: number): string {
  if (from === to || !text.includes('\n')) return text;
  const lines = text.split('\n');
  let marker: string | null = null;
  return lines
    .map((line, i) => {
      if (i === 0) {
        marker = /<<-?([A-Za-z_][A-Za-z0-9_-]*)\s*$/.exec(line)?.[1] ?? null;
        return line;
      }
      if (marker !== null) {
        const closing = line.trim() === marker;
        if (closing) marker = null;
        if (!closing) return line;
      }
      const shifted = to > from ? ' '.repeat(to - from) + line : line.slice(Math.min(from - to, line.length - line.trimStart().length));
      marker = /<<-?([A-Za-z_][A-Za-z0-9_-]*)\s*$/.exec(line)?.[1] ?? marker;
      return line.trim() === '' ? line : shifted;
    })
    .join('\n');
}

/** The comment lines directly above a node (no blank line between), as a range. */
export function leadingCommentRange(n: Node, text: string): { start: number; end: number } | null {
  const lineStart = lineStartOf(text, n.startIndex);
  let from = lineStart;
  while (from > 0 && /^\s*(#|\/\/)/.test(text.slice(lineStartOf(text, from - 1), from))) from = lineStartOf(text, from - 1);
  return from < lineStart ? { start: from, end: lineStart } : null;
}

/** The comment lines directly above a node, trimmed. */
export function leadingComments(n: Node, text: string): string[] {
  const r = leadingCommentRange(n, text);
  return r ? text.slice(r.start, r.end).split('\n').map((l) => l.trim()).filter(Boolean) : [];
}

/** The attribute names of the blocks, in first-seen order. */
export function attributeUnion(blocks: readonly Node[]): string[] {
  const names: string[] = [];
  for (const blk of blocks) for (const a of itemsOf(bodyOf(blk))) if (a.type === 'attribute' && !names.includes(attributeName(a))) names.push(attributeName(a));
  return names;
}

/**
 * A block's attributes as the lines of an HCL object at `indent` columns: `{`, every name of
 * `names` (`null` where the block lacks it: null means unset), `}`. The comments above the block
 * come first; comments above and after an attribute stay with it. `value` gives an attribute's
 * value text, already at the right indentation.
 */
export function objectLines(blk: Node, text: string, names: readonly string[], indent: number, value: (attr: Node) => string): string[] {
  const pad = ' '.repeat(indent);
  const present = new Map(itemsOf(bodyOf(blk)).filter((a) => a.type === 'attribute').map((a) => [attributeName(a), a] as const));
  const rows = names.map((name) => {
    const a = present.get(name);
    return { name, above: a ? leadingComments(a, text) : [], value: a ? value(a) : 'null', after: a ? trailingCommentAt(text, a.endIndex) : '' };
  });
  // terraform fmt aligns `=` over runs of one-line attributes: a comment line ends a run, and a
  // multi-line value stands alone (hclwrite aligns neither the line before it nor after it).
  const widths: number[] = [];
  let runStart = 0;
  const close = (end: number) => {
    const w = Math.max(...rows.slice(runStart, end).map((r) => r.name.length));
    for (let i = runStart; i < end; i++) widths[i] = w;
    runStart = end;
  };
  rows.forEach((r, i) => {
    const multiLine = r.value.includes('\n');
    if ((r.above.length > 0 || multiLine) && i > runStart) close(i);
    if (multiLine) close(i + 1);
  });
  close(rows.length);
  const lines = [...leadingComments(blk, text).map((l) => `${pad}${l}`), `${pad}{`];
  rows.forEach((r, i) => {
    for (const l of r.above) lines.push(`${pad}  ${l}`);
    lines.push(`${pad}  ${r.name.padEnd(widths[i]!)} = ${r.value}${r.after ? ` ${r.after}` : ''}`);
  });
  lines.push(`${pad}}`);
  return lines;
}

/**
 * A block as one entry of an HCL map at `indent` columns, `key = { … }`: its arguments' values
 * as written (moved to their new column), `null` for the names it lacks, comments kept.
 */
export function mapEntryText(blk: Node, text: string, names: readonly string[], key: string, indent: number): string {
  const lines = objectLines(blk, text, names, indent, (a) => reindent(text.slice(attributeValue(a)!.startIndex, attributeValue(a)!.endIndex), a.startPosition.column, indent + 2));
  const open = lines.findIndex((l) => l.trim() === '{');
  lines[open] = `${' '.repeat(indent)}${printKey(key)} = {`;
  return lines.join('\n');
}

/** `dynamic "type" { for_each = … content { name = type.value.name … } }` at `column`. */
export function dynamicBlockText(type: string, forEach: string, names: readonly string[], column: number): string {
  const pad = ' '.repeat(column);
  const iterator = isIdentifier(type) ? type : 'item';
  const width = Math.max(...names.map((n) => n.length));
  return [
    `dynamic ${quoteHcl(type)} {`,
    `${pad}  for_each = ${forEach}`,
    ...(iterator !== type ? [`${pad}  iterator = ${iterator}`] : []),
    `${pad}  content {`,
    ...names.map((a) => `${pad}    ${a.padEnd(width)} = ${iterator}.value.${a}`),
    `${pad}  }`,
    `${pad}}`,
  ].join('\n');
}

/**
 * Whether a comment inside the block is neither in an argument's value, nor after it on its
 * line, nor directly above it: objectLines would have nowhere to put it.
 */
export function hasStrayComment(blk: Node, text: string): boolean {
  const attrs = itemsOf(bodyOf(blk)).filter((i) => i.type === 'attribute');
  let stray = false;
  const visit = (n: Node): void => {
    if (stray) return;
    if (n.type === 'comment') {
      const inValue = attrs.some((a) => n.startIndex >= a.startIndex && n.endIndex <= a.endIndex);
      const trailing = attrs.some((a) => lineStartOf(text, a.endIndex) === lineStartOf(text, n.startIndex));
      const above = attrs.some((a) => {
        const r = leadingCommentRange(a, text);
        return r !== null && n.startIndex >= r.start && n.endIndex <= r.end;
      });
      if (!inValue && !trailing && !above) stray = true;
      return;
    }
    for (const c of n.children) if (c) visit(c);
  };
  // The whole block: a comment before the closing brace is the block's child, not the body's.
  visit(blk);
  return stray;
}

// Nested blocks as data: the text of a block's attributes as an HCL object (its comments going
// along), and the `dynamic` block that turns such objects back into blocks. merge-environments
// (per-environment lists) and fold-security-rules (maps of rules) both write these.
import { attributeName, attributeValue, bodyOf, itemsOf } from './nodes.js';
import type { Node } from './parser.js';
import { isIdentifier } from './printer.js';
import { quoteHcl } from './strings.js';
import { lineStartOf, trailingCommentAt } from './text.js';

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
  const width = Math.max(...names.map((n) => n.length));
  const present = new Map(itemsOf(bodyOf(blk)).filter((a) => a.type === 'attribute').map((a) => [attributeName(a), a] as const));
  const lines = [...leadingComments(blk, text).map((l) => `${pad}${l}`), `${pad}{`];
  for (const name of names) {
    const a = present.get(name);
    if (a) for (const l of leadingComments(a, text)) lines.push(`${pad}  ${l}`);
    const after = a ? trailingCommentAt(text, a.endIndex) : '';
    lines.push(`${pad}  ${name.padEnd(width)} = ${a ? value(a) : 'null'}${after ? ` ${after}` : ''}`);
  }
  lines.push(`${pad}}`);
  return lines;
}

/** The value text of an attribute as written. */
export const writtenValue = (text: string) => (a: Node): string => text.slice(attributeValue(a)!.startIndex, attributeValue(a)!.endIndex);

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

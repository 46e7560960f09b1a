// Navigation helpers over tree-sitter-hcl nodes. Node type names are the grammar's own:
// config_file, body, block, attribute, expression, object, object_elem, tuple, ...
//
// Each `type` (and each child taken one at a time) is a call into WebAssembly, and these
// helpers run for every block of every module: they read each node's type once, walk the
// children a node caches instead of copying them, and look where the grammar puts a child
// (a block's body just before its `}`, an attribute's value last).
import type { Node } from './parser.js';
import { decodeQuotedLiteral, literalValue, readTemplate } from './strings.js';

export function childrenOf(n: Node): Node[] {
  return n.children.filter((c): c is Node => c !== null);
}

export function namedChildrenOf(n: Node): Node[] {
  return n.namedChildren.filter((c): c is Node => c !== null);
}

/** The `body` of a config file or block (its only one), or null for an empty block (`x {}`). */
export function bodyOf(n: Node): Node | null {
  if (n.type === 'body') return n;
  const children = n.children;
  for (let i = children.length - 1; i >= 0; i--) {
    const c = children[i];
    if (c && c.type === 'body') return c;
  }
  return null;
}

/** The named children of `body` (none for null) whose type is one of `types`, in source order. */
function namedChildrenOfType(body: Node | null, types: readonly string[]): Node[] {
  const out: Node[] = [];
  if (!body) return out;
  for (const c of body.namedChildren) {
    if (c && types.includes(c.type)) out.push(c);
  }
  return out;
}

const ITEM_TYPES = ['block', 'attribute'];
const BLOCK_TYPE = ['block'];
const ATTRIBUTE_TYPE = ['attribute'];

/** Blocks and attributes of a body, in source order (comments left out). */
export function itemsOf(body: Node | null): Node[] {
  return namedChildrenOfType(body, ITEM_TYPES);
}

export function blocksOf(body: Node | null, type?: string): Node[] {
  const blocks = namedChildrenOfType(body, BLOCK_TYPE);
  return type === undefined ? blocks : blocks.filter((b) => blockType(b) === type);
}

export function attributesOf(body: Node | null): Node[] {
  return namedChildrenOfType(body, ATTRIBUTE_TYPE);
}

export function attributeOf(body: Node | null, name: string): Node | null {
  if (!body) return null;
  for (const c of body.namedChildren) {
    if (c && c.type === 'attribute' && attributeName(c) === name) return c;
  }
  return null;
}

export function blockType(block: Node): string {
  return block.namedChild(0)?.text ?? '';
}

/** Block labels, decoded (`resource "aws_vpc" "main"` gives ["aws_vpc", "main"]). */
export function blockLabels(block: Node, text: string): string[] {
  const labels: string[] = [];
  const children = block.children;
  for (let i = 1; i < children.length; i++) {
    const c = children[i];
    if (!c) continue;
    const type = c.type;
    if (type === 'block_start') break;
    if (type === 'identifier') labels.push(text.slice(c.startIndex, c.endIndex));
    else if (type === 'string_lit') {
      // Labels are plain strings; decode escapes only when there are any.
      const raw = text.slice(c.startIndex + 1, c.endIndex - 1);
      labels.push(/[\\$%]/.test(raw) ? decodeQuotedLiteral(raw) : raw);
    }
  }
  return labels;
}

/** The `{` of a block. */
export function blockOpen(block: Node): Node | null {
  return childrenOf(block).find((c) => c.type === 'block_start') ?? null;
}

/** The `}` of a block. */
export function blockClose(block: Node): Node | null {
  return childrenOf(block).find((c) => c.type === 'block_end') ?? null;
}

export function attributeName(attr: Node): string {
  return attr.namedChild(0)?.text ?? '';
}

/** The value expression of an attribute (its only one, after the `=`). */
export function attributeValue(attr: Node): Node | null {
  const children = attr.children;
  for (let i = children.length - 1; i >= 0; i--) {
    const c = children[i];
    if (c && c.type === 'expression') return c;
  }
  return null;
}

/** Strips `expression` wrappers (and parentheses-free single-child wrappers) to the core node. */
export function unwrap(expr: Node): Node {
  let n = expr;
  while ((n.type === 'expression' || n.type === 'collection_value' || n.type === 'literal_value') && n.namedChildCount === 1) {
    n = n.namedChild(0)!;
  }
  return n;
}

/** The string value of an expression that is a plain literal string, else null. */
export function stringValue(expr: Node, text: string): string | null {
  const t = readTemplate(expr, text);
  return t ? literalValue(t) : null;
}

/** The boolean value of an expression that is the literal true/false, else null. */
export function boolValue(expr: Node): boolean | null {
  const n = unwrap(expr);
  if (n.type !== 'bool_lit') return null;
  return n.text === 'true';
}

/** For an object expression, its elements as (key text, key node, value node). */
export function objectElements(expr: Node, text: string): { key: string; keyNode: Node; value: Node; elem: Node }[] {
  const obj = unwrap(expr);
  if (obj.type !== 'object') return [];
  const out: { key: string; keyNode: Node; value: Node; elem: Node }[] = [];
  for (const elem of namedChildrenOf(obj)) {
    if (elem.type !== 'object_elem') continue;
    const exprs = namedChildrenOf(elem).filter((c) => c.type === 'expression');
    const keyNode = exprs[0];
    const value = exprs[1];
    if (!keyNode || !value) continue;
    const str = stringValue(keyNode, text);
    out.push({ key: str ?? text.slice(keyNode.startIndex, keyNode.endIndex), keyNode, value, elem });
  }
  return out;
}

/** Depth-first walk over a subtree; return false from the visitor to skip a node's children. */
export function walk(n: Node, visit: (n: Node) => boolean | void): void {
  if (visit(n) === false) return;
  for (const c of childrenOf(n)) walk(c, visit);
}

/**
 * A value with nothing to evaluate and one line of text: a literal number, bool or null, or a
 * quoted string without interpolation (collections of them too); no reference, call,
 * conditional, `for` or heredoc. Its text means the same wherever it is written. Conservative:
 * an object with a bare key (`{ dev = 1 }`) is not judged constant, as the grammar reads the key
 * as a variable.
 */
export function isConstant(expr: Node): boolean {
  let constant = true;
  walk(expr, (n) => {
    if (['variable_expr', 'function_call', 'template_interpolation', 'template_directive', 'for_expr', 'conditional', 'heredoc_template'].includes(n.type)) constant = false;
    return constant;
  });
  return constant;
}

/** Whether a comment stands anywhere inside the subtree. */
export function containsComment(n: Node): boolean {
  let found = false;
  walk(n, (m) => {
    if (m.type === 'comment') found = true;
    return !found;
  });
  return found;
}

/** A function call's name and argument expressions (`merge(a, b)`: merge, [a, b]); null for any other expression. */
export function functionCall(expr: Node): { name: string; args: Node[] } | null {
  const n = unwrap(expr);
  if (n.type !== 'function_call') return null;
  const argsNode = n.namedChildren.find((c) => c?.type === 'function_arguments') ?? null;
  return { name: n.namedChild(0)?.text ?? '', args: argsNode ? namedChildrenOf(argsNode).filter((c) => c.type === 'expression') : [] };
}

/** The source text of a node, normalised for comparison: comments dropped, whitespace folded. */
export function normalizedText(n: Node, text: string): string {
  const pieces: string[] = [];
  const leaves = (m: Node): void => {
    if (m.type === 'comment') return;
    if (m.childCount === 0 || m.type === 'string_lit' || m.type === 'template_literal') {
      pieces.push(text.slice(m.startIndex, m.endIndex));
      return;
    }
    if (m.type === 'quoted_template' || m.type === 'heredoc_template') {
      pieces.push(text.slice(m.startIndex, m.endIndex));
      return;
    }
    for (const c of childrenOf(m)) leaves(c);
  };
  leaves(n);
  return pieces.join(' ');
}

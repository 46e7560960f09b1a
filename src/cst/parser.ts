// Parsing with tree-sitter-hcl (web-tree-sitter + the grammar's bundled .wasm).
//
// Offsets: web-tree-sitter parses a JavaScript string as UTF-16, so `startIndex`/`endIndex`
// are UTF-16 code unit indices, the unit `String.prototype.slice` uses. Edits use that unit
// everywhere; no Buffer arithmetic anywhere in the engine.
import { createRequire } from 'node:module';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';
import type { TextEdit } from './edit.js';
import { positionAt } from './text.js';

export type { Node, Tree };

let parser: Parser | null = null;
let loading: Promise<void> | null = null;

/**
 * Loads the runtime and the grammar once per thread. Safe to call repeatedly, and while a call
 * is still loading (callers share it: a second Parser.init() meanwhile would start another
 * runtime under the first one's grammar, and parsing would fail).
 */
export function initParser(): Promise<void> {
  if (loading) return loading;
  loading = (async () => {
    const require = createRequire(import.meta.url);
    await Parser.init();
    const wasm = require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm');
    const language = await Language.load(wasm);
    const p = new Parser();
    p.setLanguage(language);
    parser = p;
  })();
  // A failure is not kept: the next call tries again.
  loading.catch(() => (loading = null));
  return loading;
}

/**
 * Parses HCL text. The caller owns the tree and must `delete()` it when done.
 *
 * tree-sitter-hcl does not accept a number with an exponent and no fraction (`1e10`), which
 * HCL allows. Such a file is parsed from a copy of the text in which the exponent is written
 * as digits of the same length (`1e10` -> `1000`): every node range still fits the original
 * text, and nothing reads number values out of the tree.
 */
export function parseHcl(text: string): Tree {
  if (!parser) throw new Error('initParser() must be awaited before parseHcl()');
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  if (!tree.rootNode.hasError) return tree;
  const patched = patchExponents(tree, text);
  if (patched === text) return tree;
  const retry = parser.parse(patched);
  if (!retry || retry.rootNode.hasError) {
    retry?.delete();
    return tree;
  }
  tree.delete();
  return retry;
}

/**
 * Re-parses a file after `applied` edits (sorted, non-overlapping, offsets into `oldText`),
 * reusing `oldTree` (which is left untouched) so only the edited regions are parsed again.
 */
export function reparseHcl(oldTree: Tree, oldText: string, newText: string, applied: readonly TextEdit[]): Tree {
  if (!parser) throw new Error('initParser() must be awaited before reparseHcl()');
  if (oldTree.rootNode.hasError) return parseHcl(newText);
  const lines = lineStarts(oldText);
  const point = (offset: number): { row: number; column: number } => {
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: offset - lines[lo]! };
  };
  const edited = oldTree.copy();
  // From the last edit to the first, so earlier offsets stay valid.
  for (let i = applied.length - 1; i >= 0; i--) {
    const e = applied[i]!;
    const startPosition = point(e.start);
    const breaks = e.text.split('\n');
    const newEndPosition =
      breaks.length === 1
        ? { row: startPosition.row, column: startPosition.column + e.text.length }
        : { row: startPosition.row + breaks.length - 1, column: breaks[breaks.length - 1]!.length };
    edited.edit({
      startIndex: e.start,
      oldEndIndex: e.end,
      newEndIndex: e.start + e.text.length,
      startPosition,
      oldEndPosition: point(e.end),
      newEndPosition,
    });
  }
  const tree = parser.parse(newText, edited);
  edited.delete();
  if (!tree) throw new Error('tree-sitter returned no tree');
  if (!tree.rootNode.hasError) return tree;
  tree.delete();
  return parseHcl(newText);
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

const EXPONENT = /(?<![\w.])[0-9]+([eE][+-]?[0-9]+)(?![\w.])/g;
const LITERAL_CONTEXT = new Set(['comment', 'string_lit', 'quoted_template', 'heredoc_template', 'template_literal']);

/** Writes exponents without a fraction (`1e10`) as digits, outside strings and comments. */
function patchExponents(tree: Tree, source: string): string {
  let out = source;
  for (const m of source.matchAll(EXPONENT)) {
    const at = m.index! + m[0].length - m[1]!.length;
    let inLiteral = false;
    for (let n: Node | null = tree.rootNode.descendantForIndex(at); n; n = n.parent) {
      if (LITERAL_CONTEXT.has(n.type)) {
        inLiteral = true;
        break;
      }
    }
    if (!inLiteral) out = out.slice(0, at) + '0'.repeat(m[1]!.length) + out.slice(at + m[1]!.length);
  }
  return out;
}

export interface SyntaxProblem {
  /** UTF-16 offset into the text. */
  offset: number;
  line: number;
  column: number;
  message: string;
}

/**
 * The first few ERROR / MISSING nodes of a tree, as positioned messages. Returns [] for a
 * clean tree without walking it.
 */
export function syntaxProblems(tree: Tree, text: string, limit = 5): SyntaxProblem[] {
  const root = tree.rootNode;
  if (!root.hasError) return [];
  const out: SyntaxProblem[] = [];
  const visit = (n: Node): void => {
    if (out.length >= limit) return;
    if (n.isMissing) {
      const pos = positionAt(text, n.startIndex);
      out.push({ offset: n.startIndex, ...pos, message: `syntax error: missing ${JSON.stringify(n.type)}` });
      return;
    }
    if (n.type === 'ERROR') {
      const pos = positionAt(text, n.startIndex);
      const snippet = text.slice(n.startIndex, Math.min(n.endIndex, n.startIndex + 20)).split(/\r?\n/)[0];
      out.push({ offset: n.startIndex, ...pos, message: `syntax error: unexpected ${JSON.stringify(snippet)}` });
      return;
    }
    if (!n.hasError) return;
    for (const c of n.children) if (c) visit(c);
  };
  visit(root);
  return out;
}

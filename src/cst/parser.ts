// Parsing with tree-sitter-hcl (web-tree-sitter + the grammar's bundled .wasm).
//
// Offsets: web-tree-sitter parses a JavaScript string as UTF-16, so `startIndex`/`endIndex`
// are UTF-16 code unit indices, the unit `String.prototype.slice` uses. Edits use that unit
// everywhere; no Buffer arithmetic anywhere in the engine.
import { createRequire } from 'node:module';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';
import { positionAt } from './text.js';

export type { Node, Tree };

let parser: Parser | null = null;

/** Loads the runtime and the grammar once per thread. Safe to call repeatedly. */
export async function initParser(): Promise<void> {
  if (parser) return;
  const require = createRequire(import.meta.url);
  await Parser.init();
  const wasm = require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm');
  const language = await Language.load(wasm);
  const p = new Parser();
  p.setLanguage(language);
  parser = p;
}

/** Parses HCL text. The caller owns the tree and must `delete()` it when done. */
export function parseHcl(text: string): Tree {
  if (!parser) throw new Error('initParser() must be awaited before parseHcl()');
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
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

// `# tfcodemod:ignore` (or `// tfcodemod:ignore`, `/* tfcodemod:ignore */`) on the line right
// before a block keeps every transform away from that block. A list of transform ids after it
// (`# tfcodemod:ignore extract-secrets, s3-backend`) limits the directive to those transforms.
import type { Node } from '../cst/parser.js';
import { lineStartOf } from '../cst/text.js';

export interface IgnoreDirective {
  /** Transform ids the directive names; empty means every transform. */
  transforms: string[];
}

const DIRECTIVE =
  /^\s*(?:#|\/\/|\/\*)\s*tfcodemod:ignore(?:\s+([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*))?\s*(?:\*\/)?\s*$/;

/** The directive on the line before `block`, if there is one. */
export function ignoreDirectiveFor(block: Node, text: string): IgnoreDirective | null {
  const lineStart = lineStartOf(text, block.startIndex);
  if (lineStart === 0) return null;
  const prevStart = lineStartOf(text, lineStart - 1);
  const m = DIRECTIVE.exec(text.slice(prevStart, lineStart).replace(/\r?\n$/, ''));
  if (!m) return null;
  return { transforms: m[1] ? m[1].split(/\s*,\s*/) : [] };
}

export function ignores(d: IgnoreDirective | null, transformId: string): boolean {
  return d !== null && (d.transforms.length === 0 || d.transforms.includes(transformId));
}

/**
 * Ranges of every block (at any depth) that a directive in `text` shields from `transformId`.
 * The engine drops any change with an edit inside one of them, so a transform that forgets to
 * check cannot touch an ignored block.
 */
export function ignoredRanges(root: Node, text: string, transformId: string): { start: number; end: number }[] {
  if (!text.includes('tfcodemod:ignore')) return [];
  const out: { start: number; end: number }[] = [];
  const visit = (n: Node): void => {
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (c.type === 'block' && ignores(ignoreDirectiveFor(c, text), transformId)) {
        out.push({ start: lineStartOf(text, c.startIndex), end: c.endIndex });
        continue;
      }
      if (c.type === 'block' || c.type === 'body') visit(c);
    }
  };
  visit(root);
  return out;
}

// Traversals (`aws_vpc.dev_vpc.id`, `var.x`, `module.m.out`, `aws.primary`) and what they refer to.
import { childrenOf } from '../cst/nodes.js';
import type { Node } from '../cst/parser.js';
import { stringValue } from '../cst/nodes.js';

export type TraversalStep = string | number | '*';

export interface Traversal {
  root: string;
  /** Attribute names, literal index keys and '*' for splats, up to the first dynamic index. */
  steps: TraversalStep[];
  /** Range of the traversal in the source (root through its last static step). */
  start: number;
  end: number;
  /** End offset of each step (so a prefix such as `aws_vpc.dev_vpc` can be replaced). */
  ends: number[];
}

export type Reference =
  | { kind: 'variable'; name: string }
  | { kind: 'local'; name: string }
  | { kind: 'module'; name: string }
  | { kind: 'resource'; address: string }
  | { kind: 'data'; address: string }
  | { kind: 'other'; root: string };

const OTHER_ROOTS = new Set(['path', 'terraform', 'count', 'each', 'self']);

/**
 * Reads the traversal that starts at `kids[i]` (a variable_expr). tree-sitter-hcl puts the
 * steps of a traversal as siblings after the variable: inside an `expression`, and flattened
 * into `binary_operation` / `unary_operation` nodes. Returns the traversal and the index of
 * the first sibling after it.
 */
function readTraversal(kids: Node[], i: number, text: string): { t: Traversal; next: number } {
  const head = kids[i]!;
  const t: Traversal = { root: head.text, steps: [], start: head.startIndex, end: head.endIndex, ends: [] };
  let j = i + 1;
  for (; j < kids.length; j++) {
    const k = kids[j]!;
    if (k.type === 'get_attr') {
      const id = k.namedChild(0);
      if (!id) break;
      t.steps.push(id.text);
    } else if (k.type === 'index') {
      const idx = k.namedChild(0);
      if (!idx) break;
      if (idx.type === 'legacy_index') {
        t.steps.push(Number(idx.text.replace(/^\./, '')));
      } else {
        const inner = idx.namedChildren.find((c) => c?.type === 'expression') ?? null;
        if (!inner) break;
        const s = stringValue(inner, text);
        if (s !== null) t.steps.push(s);
        else if (/^\d+$/.test(inner.text)) t.steps.push(Number(inner.text));
        else break;
      }
    } else if (k.type === 'splat') {
      t.steps.push('*');
      t.end = k.endIndex;
      t.ends.push(k.endIndex);
      j++;
      break;
    } else {
      break;
    }
    t.end = k.endIndex;
    t.ends.push(k.endIndex);
  }
  return { t, next: j };
}

/** The whole expression as one traversal (nothing before or after it), e.g. `aws.primary`. */
export function exactTraversal(expr: Node, text: string): Traversal | null {
  let n = expr;
  while (n.type === 'expression' && n.childCount === 1 && n.child(0)?.type === 'expression') n = n.child(0)!;
  const kids = childrenOf(n);
  if (kids[0]?.type !== 'variable_expr') return null;
  const { t, next } = readTraversal(kids, 0, text);
  return next === kids.length && t.end === n.endIndex ? t : null;
}

/**
 * Every traversal in a subtree, in source order, leaving out the names bound inside it: the
 * iterators of `for` expressions (`[for s in var.x : s.id]`) and of `dynamic` blocks
 * (`ingress.value`, or the name given by `iterator = rule`).
 */
export function traversalsIn(n: Node, text: string): Traversal[] {
  const out: Traversal[] = [];
  const visit = (m: Node, bound: ReadonlySet<string>): void => {
    if (m.childCount === 0) return;
    let inner = bound;
    if (m.type === 'for_tuple_expr' || m.type === 'for_object_expr') {
      const intro = m.namedChildren.find((c) => c?.type === 'for_intro');
      const names = intro ? intro.namedChildren.filter((c): c is Node => c?.type === 'identifier').map((c) => c.text) : [];
      // The collection is evaluated outside the new names.
      if (intro) for (const c of childrenOf(intro)) if (c.type === 'expression') visit(c, bound);
      inner = new Set([...bound, ...names]);
    } else if (m.type === 'block' && m.namedChild(0)?.text === 'dynamic') {
      const label = m.namedChildren.find((c) => c?.type === 'string_lit');
      const body = m.namedChildren.find((c) => c?.type === 'body') ?? null;
      const iterator = body?.namedChildren.find((c) => c?.type === 'attribute' && c.namedChild(0)?.text === 'iterator');
      const iterValue = iterator?.namedChildren.find((c) => c?.type === 'expression');
      const name = iterValue ? iterValue.text : label ? (stringValue(label, text) ?? '') : '';
      inner = new Set([...bound, name]);
    }
    const kids = childrenOf(m);
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i]!;
      if (k.type === 'for_intro') continue;
      if (k.type === 'variable_expr') {
        const { t } = readTraversal(kids, i, text);
        if (!inner.has(t.root)) out.push(t);
      } else {
        visit(k, inner);
      }
    }
  };
  visit(n, new Set());
  return out;
}

/** What a traversal refers to. */
export function referenceOf(t: Traversal): Reference {
  const [a, b] = t.steps;
  switch (t.root) {
    case 'var':
      return typeof a === 'string' ? { kind: 'variable', name: a } : { kind: 'other', root: t.root };
    case 'local':
      return typeof a === 'string' ? { kind: 'local', name: a } : { kind: 'other', root: t.root };
    case 'module':
      return typeof a === 'string' ? { kind: 'module', name: a } : { kind: 'other', root: t.root };
    case 'data':
      return typeof a === 'string' && typeof b === 'string'
        ? { kind: 'data', address: `data.${a}.${b}` }
        : { kind: 'other', root: t.root };
    default:
      if (OTHER_ROOTS.has(t.root) || typeof a !== 'string') return { kind: 'other', root: t.root };
      return { kind: 'resource', address: `${t.root}.${a}` };
  }
}

/** A provider reference such as `aws` or `aws.primary` (the value of `provider = ...`). */
export function providerReference(expr: Node, text: string): { name: string; alias: string | null } | null {
  const t = exactTraversal(expr, text);
  if (!t) return null;
  if (t.steps.length === 0) return { name: t.root, alias: null };
  if (t.steps.length === 1 && typeof t.steps[0] === 'string') return { name: t.root, alias: t.steps[0] };
  return null;
}

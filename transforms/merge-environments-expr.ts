// Rewriting one expression for the merged configuration, in the context of the environment it
// will be evaluated for: references to copies become references to the merged block, the
// environment's own name in strings becomes `terraform.workspace` (or `each.key`), a value of
// another environment's block is kept as the literal it is. Also gives a comparison key, so
// copies that differ only in those ways are seen as equal.
import { attributeOf, attributeValue, childrenOf, isConstant, walk } from '../src/cst/nodes.js';
import type { Node } from '../src/cst/parser.js';
import { readTemplate } from '../src/cst/strings.js';
import { lookupFor } from '../src/terraform/lookups.js';
import type { BlockRef } from '../src/terraform/module-index.js';
import { traversalsIn, type Traversal } from '../src/terraform/references.js';
import type { Strategy } from './merge-environments-plan.js';

/** Where a legacy address lives after the merge. */
export interface Target {
  /** Workspaces (environments) where the block exists afterwards. */
  envs: string[];
  /** For a copy: its environment (its key with the for_each strategy). */
  env: string | null;
  /** The merged address (`aws_vpc.vpc`), or the same address for a block that keeps its name. */
  merged: string;
  /** Workspace strategy: the block is gated with `count`, so references need `[0]`. */
  indexed: boolean;
  block: BlockRef;
}

export interface ExprContext {
  strategy: Strategy;
  /** The environment the expression is evaluated for; null: every environment alike. */
  env: string | null;
  envs: readonly string[];
  targets: ReadonlyMap<string, Target>;
  /** Write the environment's name in strings as `terraform.workspace` (default true). */
  tokens?: boolean;
  /** Folded variables: `dev_postgres_password` -> { env: 'dev', name: 'postgres_password' }. */
  variables: ReadonlyMap<string, { env: string; name: string }>;
  /** The legacy addresses of the group being merged: a copy must not use another copy. */
  self?: readonly string[];
  /**
   * Workspace strategy: the name of the data source that reads a block of another workspace
   * (see src/terraform/lookups.ts); without it such a value must be a literal.
   */
  lookupName?: (address: string, dataType: string) => string;
}

/** A data source that reads a resource living in another workspace after the split. */
export interface DataLookup {
  type: string;
  name: string;
  /** Data source argument -> literal text (from the resource's configuration). */
  args: [string, string][];
  /** The legacy address it reads. */
  of: string;
}

export interface Rewritten {
  text: string;
  /**
   * The form for a per-environment map in locals: the environment's name left as written and
   * references to a copy by its key (`each` does not exist in locals).
   */
  literalText: string;
  /** Column of the line the expression started on, for moving multi-line text elsewhere. */
  column: number;
  /** Equal for expressions that mean the same in their own environments. */
  key: string;
  /** Refers to a block that does not exist in every environment. */
  partialRefs: boolean;
  /** Why it cannot be rewritten (then `text` is unusable). */
  problems: string[];
  /**
   * What a reviewer should know: a value of another environment kept (probably a mistake in the
   * legacy code), or of a shared block that now lives in one workspace (by design).
   */
  notes: { text: string; mistake: boolean }[];
  /** Data sources the text reads (declared once per module by the caller). */
  lookups: DataLookup[];
}

interface Replacement {
  start: number;
  end: number;
  text: string;
}

export function selector(strategy: Strategy): string {
  return strategy === 'workspace' ? 'terraform.workspace' : 'each.key';
}

function targetOf(t: Traversal, targets: ReadonlyMap<string, Target>): { address: string; steps: number; target: Target } | null {
  const [a, b] = t.steps;
  const candidates: [string, number][] = [];
  if (t.root === 'data' && typeof a === 'string' && typeof b === 'string') candidates.push([`data.${a}.${b}`, 2]);
  else if (t.root === 'module' && typeof a === 'string') candidates.push([`module.${a}`, 1]);
  else if (typeof a === 'string') candidates.push([`${t.root}.${a}`, 1]);
  for (const [address, steps] of candidates) {
    const target = targets.get(address);
    if (target) return { address, steps, target };
  }
  return null;
}

/** The literal text of an argument of a block, when it is a plain constant. */
function staticArgument(block: BlockRef, name: string): string | null {
  const attr = attributeOf(block.body, name);
  const value = attr && attributeValue(attr);
  return value && isConstant(value) ? block.file.text.slice(value.startIndex, value.endIndex) : null;
}

export function rewrite(expr: Node, text: string, ctx: ExprContext): Rewritten {
  const lineStart = text.lastIndexOf('\n', expr.startIndex - 1) + 1;
  const column = text.slice(lineStart, expr.startIndex).length - text.slice(lineStart, expr.startIndex).trimStart().length;
  const out: Rewritten = { text: '', literalText: '', column, key: '', partialRefs: false, problems: [], notes: [], lookups: [] };
  const reps: Replacement[] = [];
  // The map form (values in a per-environment map in locals, where each.key does not exist).
  const mapReps: Replacement[] = [];
  const both = (r: Replacement): void => {
    reps.push(r);
    mapReps.push(r);
  };
  const sel = selector(ctx.strategy);
  for (const t of traversalsIn(expr, text)) {
    if (t.root === 'var' && typeof t.steps[0] === 'string') {
      const v = ctx.variables.get(t.steps[0]);
      if (!v) continue;
      if (ctx.env === v.env) both({ start: t.start, end: t.ends[0]!, text: `var.${v.name}` });
      else out.problems.push(`var.${t.steps[0]} belongs to environment ${v.env}`);
      continue;
    }
    const found = targetOf(t, ctx.targets);
    if (!found) continue;
    const { target, steps } = found;
    const nameEnd = t.ends[steps - 1]!;
    const next = t.steps[steps];
    const hasIndex = typeof next === 'number' || (typeof next === 'string' && text[t.ends[steps - 1]!] === '[');
    if (ctx.strategy === 'for_each' && ctx.self?.includes(found.address) && target.env !== ctx.env) {
      // Merged, the block would refer to itself: Terraform rejects that as a cycle.
      out.problems.push(`the ${ctx.env ?? ''} copy refers to ${found.address}, another copy of the same block, which would make the merged block refer to itself (a cycle)`);
      continue;
    }
    if (ctx.strategy === 'for_each') {
      // A copy's own environment is each.key; another environment's is its key, written out.
      const key = target.env === null ? '' : target.env === ctx.env ? '[each.key]' : `[${JSON.stringify(target.env)}]`;
      reps.push({ start: t.start, end: nameEnd, text: target.merged + key });
      mapReps.push({ start: t.start, end: nameEnd, text: target.merged + (target.env === null ? '' : `[${JSON.stringify(target.env)}]`) });
      if (target.env !== null && ctx.env !== null && target.env !== ctx.env) out.notes.push({ text: `uses ${found.address} of environment ${target.env}`, mistake: true });
      continue;
    }
    // A copy is the merged block only in its own environment; a shared block in the workspaces
    // it lives in.
    const reachable =
      target.env !== null ? ctx.env === target.env : ctx.env === null ? ctx.envs.every((e) => target.envs.includes(e)) : target.envs.includes(ctx.env);
    if (reachable) {
      both({ start: t.start, end: nameEnd, text: target.merged + (target.indexed && !hasIndex ? '[0]' : '') });
      if (target.envs.length < ctx.envs.length) out.partialRefs = true;
      continue;
    }
    // Another environment's block lives in another workspace after the split: a value written
    // in its configuration is kept as it is, else a data source reads the object by its name.
    const attr = t.steps[steps];
    const whole = typeof attr === 'string' && t.steps.length === steps + 1;
    const literal = whole ? staticArgument(target.block, attr) : null;
    const owner = target.env ? `environment ${target.env}` : `the shared configuration (kept in workspace ${target.envs.join(', ')})`;
    const lookup = whole && ctx.lookupName && target.block.type === 'resource' ? lookupFor(target.block.labels[0]!, attr) : null;
    const by = lookup ? Object.entries(lookup.by).map(([arg, dataArg]) => [dataArg, staticArgument(target.block, arg)] as const) : [];
    if (literal !== null) {
      both({ start: t.start, end: t.end, text: literal });
      out.notes.push({ text: `uses ${found.address}.${attr} of ${owner}, kept as its value ${literal}`, mistake: target.env !== null });
    } else if (lookup && by.every(([, v]) => v !== null)) {
      const name = ctx.lookupName!(found.address, lookup.data);
      both({ start: t.start, end: t.end, text: `data.${lookup.data}.${name}.${lookup.attributes[attr as string]}` });
      out.lookups.push({ type: lookup.data, name, args: by as [string, string][], of: found.address });
      out.notes.push({ text: `uses ${found.address}.${attr} of ${owner}, read through data.${lookup.data}.${name} (by ${by.map(([a, v]) => `${a} = ${v}`).join(', ')})`, mistake: target.env !== null });
    } else {
      const home = target.env ?? target.envs.join(', ');
      const from = ctx.env === null ? 'it' : `the ${ctx.env} copy`;
      out.problems.push(`${from} refers to ${text.slice(t.start, t.end)}, which lives in ${home ? `workspace ${home}` : 'no workspace'} after the split; its value is not written in the configuration, nor a name a data source could find it by`);
    }
  }
  mapReps.sort((a, b) => a.start - b.start);
  out.literalText = applyReplacements(text, expr.startIndex, expr.endIndex, mapReps);
  // The environment's own name in strings.
  if (ctx.env !== null && ctx.tokens !== false) reps.push(...envTokens(expr, text, ctx.env, sel));
  reps.sort((a, b) => a.start - b.start);
  out.text = applyReplacements(text, expr.startIndex, expr.endIndex, reps);
  out.key = keyOf(expr, text, reps);
  return out;
}

/**
 * `${terraform.workspace}` for each whole-word occurrence of the environment in literal text; a
 * string that is just the environment's name becomes `terraform.workspace` itself (never an
 * interpolation-only string).
 */
function envTokens(expr: Node, text: string, env: string, sel: string): Replacement[] {
  const reps: Replacement[] = [];
  const word = new RegExp(`(?<![A-Za-z0-9])${env}(?![A-Za-z0-9])`, 'g');
  walk(expr, (n) => {
    if (n.type !== 'string_lit' && n.type !== 'quoted_template' && n.type !== 'heredoc_template') return true;
    const t = readTemplate(n, text);
    if (!t) return false;
    if (t.kind === 'quoted' && t.parts.length === 1 && t.parts[0]!.kind === 'literal' && t.parts[0]!.value === env) {
      reps.push({ start: t.start, end: t.end, text: sel });
      return false;
    }
    for (const p of t.parts) {
      if (p.kind !== 'literal') continue;
      const raw = text.slice(p.start, p.end);
      for (const m of raw.matchAll(word)) reps.push({ start: p.start + m.index!, end: p.start + m.index! + env.length, text: `\${${sel}}` });
    }
    return false;
  });
  return reps;
}

function applyReplacements(text: string, from: number, to: number, reps: Replacement[]): string {
  let out = '';
  let cursor = from;
  for (const r of reps) {
    if (r.start < cursor) continue;
    out += text.slice(cursor, r.start) + r.text;
    cursor = r.end;
  }
  return out + text.slice(cursor, to);
}

/** Comments and layout left out; strings kept whole; replacements in place. */
function keyOf(expr: Node, text: string, reps: Replacement[]): string {
  const pieces: string[] = [];
  const emit = (n: Node): void => {
    const inside = reps.filter((r) => r.start >= n.startIndex && r.end <= n.endIndex);
    pieces.push(applyReplacements(text, n.startIndex, n.endIndex, inside));
  };
  const done = new Set<Replacement>();
  const visit = (n: Node): void => {
    if (n.type === 'comment') return;
    const covering = reps.find((r) => r.start <= n.startIndex && n.endIndex <= r.end && r.end > r.start);
    if (covering) {
      if (!done.has(covering)) pieces.push(covering.text);
      done.add(covering);
      return;
    }
    if (n.childCount === 0 || n.type === 'string_lit' || n.type === 'quoted_template' || n.type === 'heredoc_template') {
      emit(n);
      return;
    }
    for (const c of childrenOf(n)) visit(c);
  };
  visit(expr);
  return pieces.join(' ');
}

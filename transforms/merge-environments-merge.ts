// Merging one group of per-environment copies into one block: arguments equal in every copy
// (after rewriting) stay as they are; values that differ come from a per-environment map in
// `locals` (or a conditional when they refer to blocks not in every environment); objects such
// as `tags` are merged key by key; nested blocks that differ become a `dynamic` block over a
// per-environment list. The first copy is the template, so its comments and layout survive.
import { attributeName, attributeOf, attributeValue, blockLabels, blockType, bodyOf, childrenOf, itemsOf, objectElements, unwrap } from '../src/cst/nodes.js';
import type { Node } from '../src/cst/parser.js';
import { printKey } from '../src/cst/printer.js';
import { quoteHcl } from '../src/cst/strings.js';
import { removalRange } from '../src/cst/structure.js';
import { lineStartOf } from '../src/cst/text.js';
import { attributeUnion, dynamicBlockText, leadingCommentRange, objectLines, reindent } from '../src/cst/block-data.js';
import { uniqueRuleNames } from '../src/terraform/security-rules.js';
import { rewrite, selector, type DataLookup, type ExprContext, type Rewritten } from './merge-environments-expr.js';
import { META_ARGUMENTS } from '../src/terraform/module-index.js';
import type { Group, Strategy } from './merge-environments-plan.js';

export interface MergeContext {
  strategy: Strategy;
  envs: readonly string[];
  targets: ExprContext['targets'];
  variables: ExprContext['variables'];
  /** Local value names already in use (grows as maps are added). */
  localNames: Set<string>;
  lookupName?: ExprContext['lookupName'];
}

export interface Merged {
  /** The merged block, starting at its keyword, LF endings, indented as the first copy. */
  text: string;
  /** New locals: name -> expression text (continuation lines relative to column 0). */
  locals: [string, string][];
  problems: string[];
  notes: Rewritten['notes'];
  /** Data sources its values read (declared by the module-wide change). */
  lookups: DataLookup[];
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

interface Copy {
  env: string;
  body: Node | null;
  text: string;
}

const META = new Set(META_ARGUMENTS);
const KEPT_BLOCKS = new Set(['lifecycle']);

export const list = (envs: readonly string[]): string => `[${envs.map((e) => JSON.stringify(e)).join(', ')}]`;


export function mergeGroup(group: Group, ctx: MergeContext): Merged {
  const out: Merged = { text: '', locals: [], problems: [], notes: [], lookups: [] };
  const base = group.members[0]!;
  const text = base.block.file.text;
  const node = base.block.node;
  const edits: Edit[] = [];
  const sel = selector(ctx.strategy);
  // A block of one environment only keeps its names as written; copies unify on the selector.
  const exprCtx = (env: string): ExprContext => ({ strategy: ctx.strategy, env, envs: ctx.envs, targets: ctx.targets, variables: ctx.variables, tokens: group.members.length > 1, self: group.members.map((m) => m.address), ...(ctx.lookupName ? { lookupName: ctx.lookupName } : {}) });
  const take = (r: Rewritten): Rewritten => {
    out.problems.push(...r.problems);
    out.notes.push(...r.notes);
    out.lookups.push(...r.lookups);
    return r;
  };
  const local = (suffix: string): string => {
    const base = `${group.name}_${suffix}`.replace(/[^A-Za-z0-9_]/g, '_');
    let name = base;
    for (let i = 2; ctx.localNames.has(name); i++) name = `${base}_${i}`;
    ctx.localNames.add(name);
    return name;
  };
  /** A map from environment to value, as a locals expression at column 0 (realign() pads it). */
  const envMap = (rows: [string, string][]): string => `{\n${rows.map(([e, v]) => `  ${printKey(e)} = ${v}`).join('\n')}\n}`;
  const condition = (envs: readonly string[]): string => (envs.length === 1 ? `${sel} == ${JSON.stringify(envs[0])}` : `contains(${list(envs)}, ${sel})`);

  /**
   * A value per environment, placed at `column`: one expression when all copies agree, else a
   * lookup in a per-environment map, or a conditional when a value refers to a block that some
   * environments lack (a map would fail to evaluate there).
   */
  const perEnv = (values: Map<string, Rewritten | null>, suffix: string, column: number): string => {
    const present = [...values.values()].filter((v): v is Rewritten => v !== null);
    if (present.length === values.size && new Set(present.map((v) => v.key)).size === 1) return reindent(present[0]!.text, present[0]!.column, column);
    if (present.some((v) => v.partialRefs)) {
      const byKey = new Map<string, { value: Rewritten | null; envs: string[] }>();
      for (const [env, v] of values) {
        const k = v ? v.key : '\0null';
        const g = byKey.get(k) ?? { value: v, envs: [] };
        g.envs.push(env);
        byKey.set(k, g);
      }
      const arms = [...byKey.values()].sort((a, b) => a.envs.length - b.envs.length);
      const last = arms.pop()!;
      const show = (v: Rewritten | null): string => (v ? reindent(v.text, v.column, column) : 'null');
      return arms.map((a) => `${condition(a.envs)} ? ${show(a.value)} : `).join('') + show(last.value);
    }
    const name = local(suffix);
    out.locals.push([name, envMap([...values].map(([env, v]) => [env, v ? reindent(v.literalText, v.column, 2) : 'null']))]);
    return `local.${name}[${sel}]`;
  };

  // The name label.
  const labels = childrenOf(node).filter((c) => c.type === 'string_lit' || c.type === 'identifier').slice(1);
  const nameLabel = group.kind === 'module' ? labels[0]! : labels[1]!;
  edits.push({ start: nameLabel.startIndex, end: nameLabel.endIndex, text: quoteHcl(group.name) });

  mergeBody(group.members.map((m) => ({ env: m.env, body: m.block.body, text: m.block.file.text })), '', true);
  if (ctx.strategy === 'workspace' && group.partial) gate();
  if (ctx.strategy === 'for_each') firstLine(`for_each = toset(${list(group.members.map((m) => m.env))})`);
  out.text = applyLocal(text, node.startIndex, node.endIndex, edits);
  return out;

  function mergeBody(copies: Copy[], path: string, top: boolean): void {
    const first = copies[0]!;
    const attrsOf = (c: Copy) => new Map(itemsOf(c.body).filter((i) => i.type === 'attribute').map((a) => [attributeName(a), a] as const));
    const perCopy = copies.map(attrsOf);
    const names: string[] = [];
    for (const m of perCopy) for (const n of m.keys()) if (!names.includes(n) && !(top && META.has(n))) names.push(n);
    const column = (itemsOf(first.body)[0]?.startPosition.column ?? node.startPosition.column + 2) as number;
    const inserted: string[] = [];
    for (const name of names) {
      const values = new Map<string, Rewritten | null>();
      const nodes: Node[] = [];
      copies.forEach((c, i) => {
        const v = perCopy[i]!.get(name);
        const value = v ? attributeValue(v) : null;
        if (value) nodes.push(value);
        values.set(c.env, value ? take(rewrite(value, c.text, exprCtx(c.env))) : null);
      });
      const own = perCopy[0]!.get(name);
      const allObjects = nodes.length === copies.length && nodes.every((v) => unwrap(v).type === 'object');
      const differ = new Set([...values.values()].map((v) => v?.key ?? '\0')).size > 1;
      const merged = allObjects && differ ? mergeObject(copies, name, `${path}${name}`) : perEnv(values, `${path}${name}`, column);
      if (own) {
        const v = attributeValue(own)!;
        if (merged !== first.text.slice(v.startIndex, v.endIndex)) edits.push({ start: v.startIndex, end: v.endIndex, text: merged });
      } else {
        inserted.push(`${name} = ${merged}`);
      }
    }
    if (inserted.length > 0) insertBeforeClose(first.body, inserted.map((l) => ' '.repeat(column) + l).join('\n'));
    mergeBlocks(copies, path);
  }

  /** Objects such as `tags`: keys equal everywhere stay inline, the rest merge in per environment. */
  function mergeObject(copies: Copy[], attribute: string, suffix: string): string {
    const keys: string[] = [];
    const elems = new Map<string, Map<string, Rewritten>>();
    for (const c of copies) {
      const m = new Map<string, Rewritten>();
      const attr = attributeOf(c.body, attribute);
      for (const e of objectElements(attributeValue(attr!)!, c.text)) {
        if (!keys.includes(e.key)) keys.push(e.key);
        m.set(e.key, take(rewrite(e.value, c.text, exprCtx(c.env))));
      }
      elems.set(c.env, m);
    }
    const common: [string, Rewritten][] = [];
    const varying: string[] = [];
    for (const k of keys) {
      const vs = copies.map((c) => elems.get(c.env)!.get(k));
      if (vs.every((v) => v !== undefined) && new Set(vs.map((v) => v!.key)).size === 1) common.push([k, vs[0]!]);
      else varying.push(k);
    }
    if ([...elems.values()].some((m) => [...m.values()].some((v) => v.partialRefs))) out.problems.push(`${suffix} refers, per environment, to blocks that not every environment has`);
    const object = (entries: [string, Rewritten][], indent: number, literal: boolean): string => {
      if (entries.length === 0) return '{}';
      const width = Math.max(...entries.map(([k]) => printKey(k).length));
      const pad = ' '.repeat(indent);
      return `{\n${entries.map(([k, v]) => `${pad}  ${printKey(k).padEnd(width)} = ${reindent(literal ? v.literalText : v.text, v.column, indent + 2)}`).join('\n')}\n${pad}}`;
    };
    const name = local(suffix);
    out.locals.push([name, envMap(copies.map((c) => [c.env, object(varying.filter((k) => elems.get(c.env)!.has(k)).map((k) => [k, elems.get(c.env)!.get(k)!]), 2, true)]))]);
    const lookup = `local.${name}[${sel}]`;
    const column = (itemsOf(copies[0]!.body)[0]?.startPosition.column ?? 2) as number;
    return common.length === 0 ? lookup : `merge(${object(common, column, false)}, ${lookup})`;
  }

  /** Nested blocks: kept when every copy has the same ones, else one `dynamic` block per type. */
  function mergeBlocks(copies: Copy[], path: string): void {
    const ofType = (c: Copy, type: string) => itemsOf(c.body).filter((i) => i.type === 'block' && blockType(i) === type);
    const types: string[] = [];
    for (const c of copies) for (const i of itemsOf(c.body)) if (i.type === 'block' && !types.includes(blockType(i)) && !KEPT_BLOCKS.has(blockType(i))) types.push(blockType(i));
    for (const type of types) {
      const lists = copies.map((c) => ofType(c, type));
      if (lists.every((l) => l.length === lists[0]!.length)) {
        const keys = lists.map((l, i) => l.map((blk) => bodyKey(blk, copies[i]!)).join('\n'));
        if (new Set(keys).size === 1) {
          lists[0]!.forEach((_, j) => mergeBody(copies.map((c, i) => ({ env: c.env, body: bodyOf(lists[i]![j]!), text: c.text })), `${path}${type}_`, false));
          continue;
        }
      }
      if (type === 'dynamic' || lists.some((l) => l.some((blk) => blockLabels(blk, text).length > 0 || itemsOf(bodyOf(blk)).some((i) => i.type === 'block')))) {
        out.problems.push(`its ${path}${type} blocks differ between environments and have labels or nested blocks, which a per-environment list cannot express`);
        continue;
      }
      dynamicBlock(copies, lists, type, path);
    }
  }

  function bodyKey(blk: Node, c: Copy): string {
    return itemsOf(bodyOf(blk))
      .map((i) => (i.type === 'attribute' ? `${attributeName(i)}=${rewrite(attributeValue(i)!, c.text, exprCtx(c.env)).key}` : `${blockType(i)}{${bodyKey(i, c)}}`))
      .join(';');
  }

  /**
   * Blocks of one type that differ per environment: `dynamic` over a per-environment list, or,
   * for the rules of a security group, a per-environment map of rules keyed by a readable name
   * (the same names fold-security-rules gives), so each workspace's rule set reads by name.
   */
  function dynamicBlock(copies: Copy[], lists: Node[][], type: string, path: string): void {
    const attrs = attributeUnion(lists.flat());
    const name = local(`${path}${type}`);
    const named = path === '' && (type === 'ingress' || type === 'egress') && base.block.labels[0] === 'aws_security_group';
    const rows: [string, string][] = copies.map((c, i) => {
      const keys = named ? uniqueRuleNames(lists[i]!, c.text) : [];
      const entries = lists[i]!.map((blk, j) => {
        // Comments inside the block go with their attributes into the list element.
        const lines = objectLines(blk, c.text, attrs, 4, (a) => {
          const v = take(rewrite(attributeValue(a)!, c.text, exprCtx(c.env)));
          if (v.partialRefs) out.problems.push(`a ${type} block refers to blocks that not every environment has`);
          return reindent(v.literalText, v.column, 6);
        });
        if (!named) return `${lines.join('\n')},\n`;
        const open = lines.indexOf('    {');
        lines[open] = `    ${keys[j]} = {`;
        return `${lines.join('\n')}\n`;
      });
      if (entries.length === 0) return [c.env, named ? '{}' : '[]'];
      return [c.env, named ? `{\n${entries.join('')}  }` : `[\n${entries.join('')}  ]`];
    });
    out.locals.push([name, envMap(rows)]);
    const own = lists[0]!;
    const column = own[0] ? own[0].startPosition.column : (itemsOf(copies[0]!.body)[0]?.startPosition.column ?? 2);
    const pad = ' '.repeat(column);
    const dyn = dynamicBlockText(type, `local.${name}[${sel}]`, attrs, column);
    if (own.length === 0) {
      insertBeforeClose(copies[0]!.body, `\n${pad}${dyn}`);
      return;
    }
    edits.push({ start: own[0]!.startIndex, end: own[0]!.endIndex, text: dyn });
    // The first copy's comments above its first block moved into the list with it.
    const above = leadingCommentRange(own[0]!, text);
    if (above) edits.push({ ...above, text: '' });
    for (const blk of own.slice(1)) edits.push({ ...removalRange(text, blk), text: '' });
  }

  /** Lines (already indented) added at the end of a body, before its closing brace. */
  function insertBeforeClose(body: Node | null, lines: string): void {
    const owner = body?.parent ?? node;
    const close = childrenOf(owner).find((c) => c.type === 'block_end')!;
    const at = lineStartOf(text, close.startIndex);
    edits.push({ start: at, end: at, text: `${lines}\n` });
  }

  /** Workspace strategy, a group some environments lack: `count` keeps it out of them. */
  function gate(): void {
    const cond = condition(group.members.map((m) => m.env));
    const count = attributeOf(base.block.body, 'count');
    if (count) {
      const v = attributeValue(count)!;
      edits.push({ start: v.startIndex, end: v.endIndex, text: `${cond} ? ${text.slice(v.startIndex, v.endIndex)} : 0` });
    } else if (attributeOf(base.block.body, 'for_each')) {
      out.problems.push('it is in only some environments and uses for_each, which tfcodemod does not gate');
    } else {
      firstLine(`count = ${cond} ? 1 : 0`);
    }
  }

  /** A line as the first item of the block body, set apart from the rest by a blank line. */
  function firstLine(line: string): void {
    const open = childrenOf(node).find((c) => c.type === 'block_start')!;
    const first = itemsOf(base.block.body)[0];
    const indent = ' '.repeat(first ? first.startPosition.column : node.startPosition.column + 2);
    const at = text.indexOf('\n', open.endIndex) + 1;
    edits.push({ start: at, end: at, text: `${indent}${line}\n${first ? '\n' : ''}` });
  }
}

/** Applies edits (absolute offsets) to text[from, to); overlapping edits are a bug, not dropped. */
function applyLocal(text: string, from: number, to: number, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = from;
  for (const e of sorted) {
    if (e.start < cursor) throw new Error(`merge-environments: overlapping edits at ${e.start}`);
    out += text.slice(cursor, e.start) + e.text;
    cursor = e.end;
  }
  return out + text.slice(cursor, to);
}

// Outputs of a merged module. With the workspace strategy each workspace sees, under one name,
// the value its environment's output had: `dev_vpc_id`, `staging_vpc_id`, `prod_vpc_id` become
// `vpc_id`; an output of one environment only is null in the others. With for_each, outputs
// keep their names and refer to the right key.
import { attributeOf, attributeValue, childrenOf } from '../src/cst/nodes.js';
import { quoteHcl } from '../src/cst/strings.js';
import { editAttributes, removalRange } from '../src/cst/structure.js';
import type { ChangeBuilder, ModuleView } from '../src/engine/transform.js';
import { splitEnvName } from '../src/terraform/environments.js';
import type { BlockRef } from '../src/terraform/module-index.js';
import { traversalsIn } from '../src/terraform/references.js';
import { rewrite, selector, type ExprContext, type Rewritten } from './merge-environments-expr.js';
import { list } from './merge-environments-merge.js';
import type { Plan, Problem } from './merge-environments-plan.js';

interface OutputGroup {
  name: string;
  members: { env: string; block: BlockRef }[];
}

/** The environment an output's value belongs to: that of every copy it refers to. */
function envOf(b: BlockRef, ctx: ExprContext, plan: Plan): string | null | 'several' {
  const envs = new Set<string>();
  const value = attributeValue(attributeOf(b.body, 'value')!)!;
  for (const t of traversalsIn(value, b.file.text)) {
    const name = typeof t.steps[0] === 'string' ? (t.root === 'data' ? `data.${t.steps[0]}.${String(t.steps[1])}` : `${t.root}.${t.steps[0]}`) : '';
    const target = ctx.targets.get(name);
    if (target) envs.add(target.env ?? target.envs[0] ?? plan.owner);
    if (t.root === 'var' && typeof t.steps[0] === 'string' && ctx.variables.has(t.steps[0])) envs.add(ctx.variables.get(t.steps[0])!.env);
  }
  if (envs.size > 1) return 'several';
  return envs.size === 1 ? [...envs][0]! : null;
}

/** Problems that stop the split (an output mixing environments), before anything is emitted. */
export function outputProblems(plan: Plan, module: ModuleView, exprCtx: (env: string | null) => ExprContext): Problem[] {
  if (plan.strategy !== 'workspace') return [];
  const out: Problem[] = [];
  for (const [name, b] of module.index.outputs) {
    if (!attributeOf(b.body, 'value')) continue;
    if (envOf(b, exprCtx(null), plan) === 'several') out.push({ message: `output ${name} refers to blocks of several environments, which no single workspace has; split it by hand`, at: b });
  }
  return out;
}

export function outputEdits(plan: Plan, module: ModuleView, exprCtx: (env: string | null) => ExprContext, c: ChangeBuilder): void {
  const sel = selector(plan.strategy);
  if (plan.strategy === 'for_each') {
    for (const b of module.index.outputs.values()) rewriteValue(b, exprCtx(null), c);
    return;
  }
  const groups = new Map<string, OutputGroup>();
  for (const [name, b] of module.index.outputs) {
    if (!attributeOf(b.body, 'value')) continue;
    const split = splitEnvName(name, plan.envs);
    const env = envOf(b, exprCtx(null), plan);
    if (env === 'several') continue;
    if (split && (env === null || env === split.env)) {
      const g = groups.get(split.base) ?? { name: split.base, members: [] };
      g.members.push({ env: split.env, block: b });
      groups.set(split.base, g);
    } else if (env !== null) {
      groups.set(name, { name, members: [{ env, block: b }] });
    } else {
      rewriteValue(b, exprCtx(null), c);
    }
  }
  const taken = new Set(module.index.outputs.keys());
  for (const g of groups.values()) {
    const base = g.members[0]!.block;
    let name = g.name;
    if (name !== base.labels[0]) for (let i = 2; taken.has(name) && !g.members.some((m) => m.block.labels[0] === name); i++) name = `${g.name}_${i}`;
    taken.add(name);
    const values = new Map<string, Rewritten>();
    for (const m of g.members) values.set(m.env, rewrite(attributeValue(attributeOf(m.block.body, 'value')!)!, m.block.file.text, exprCtx(m.env)));
    const envs = g.members.map((m) => m.env);
    const keys = new Set([...values.values()].map((v) => v.key));
    const all = envs.length === plan.envs.length;
    let value: string;
    if (keys.size === 1) {
      const v = [...values.values()][0]!.text;
      value = all ? v : `${envs.length === 1 ? `${sel} == ${JSON.stringify(envs[0])}` : `contains(${list(envs)}, ${sel})`} ? ${v} : null`;
    } else {
      value = g.members.map((m) => `${sel} == ${JSON.stringify(m.env)} ? ${values.get(m.env)!.text} : `).join('') + 'null';
    }
    const file = base.file;
    const label = childrenOf(base.node).find((x) => x.type === 'string_lit')!;
    if (name !== base.labels[0]) c.replace(file, label.startIndex, label.endIndex, quoteHcl(name));
    const valueNode = attributeValue(attributeOf(base.body, 'value')!)!;
    if (value !== file.text.slice(valueNode.startIndex, valueNode.endIndex)) c.replaceNode(file, valueNode, value);
    const sensitive = g.members.some((m) => {
      const s = attributeOf(m.block.body, 'sensitive');
      return s !== null && attributeValue(s)?.text === 'true';
    });
    if (sensitive && !attributeOf(base.body, 'sensitive')) {
      for (const e of editAttributes(file.text, base.node, { insert: [{ name: 'sensitive', value: 'true', after: attributeOf(base.body, 'value')! }] })) c.replace(file, e.start, e.end, e.text);
    }
    for (const m of g.members.slice(1)) {
      const r = removalRange(m.block.file.text, m.block.node);
      c.remove(m.block.file, r.start, r.end);
    }
    const renamed = g.members.filter((m) => m.block.labels[0] !== name).map((m) => `${m.block.labels[0]} (workspace ${m.env})`);
    if (renamed.length > 0) c.finding('info', `output ${renamed.join(', ')} ${renamed.length === 1 ? 'is' : 'are'} now output ${name}${all ? '' : `, null in the other workspaces`}`, { file, node: base.node });
  }
}

function rewriteValue(b: BlockRef, ctx: ExprContext, c: ChangeBuilder): void {
  const v = attributeValue(attributeOf(b.body, 'value')!)!;
  const r = rewrite(v, b.file.text, ctx);
  if (r.text !== b.file.text.slice(v.startIndex, v.endIndex)) c.replaceNode(b.file, v, r.text);
}

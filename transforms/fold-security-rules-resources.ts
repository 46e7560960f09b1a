// fold-security-rules, second part: many `aws_security_group_rule` resources of one security
// group (`lb_qa_http`, `lb_qa_https`) become one resource with `for_each` over a map of their
// differing arguments (`aws_security_group_rule.lb_qa["http"]`), arguments they share staying
// as written. The state moves are `moved` blocks, which apply in whatever workspace the rule is
// (so they also follow a workspace split made in the same run); with --migration-format script
// or tfmigrate, in a module not split by workspace, they are `state mv` in the migration instead.
import { attributeName, attributeOf, attributeValue, itemsOf, normalizedText } from '../src/cst/nodes.js';
import { attributeUnion, hasStrayComment, leadingCommentRange, mapEntryText, reindent } from '../src/cst/block-data.js';
import { removalRange } from '../src/cst/structure.js';
import type { ChangeBuilder, ModuleView, TransformContext } from '../src/engine/transform.js';
import { ignores } from '../src/terraform/ignore-directive.js';
import { META_ARGUMENTS, type BlockRef } from '../src/terraform/module-index.js';
import { workspaceEnvironments } from '../src/terraform/workspaces.js';
import { requireTerraform } from '../src/terraform/required-version.js';
import { traversalsIn } from '../src/terraform/references.js';

const TYPE = 'aws_security_group_rule';

export interface RuleFold {
  /** The members, in file order; the first one's place takes the folded resource. */
  members: BlockRef[];
  name: string;
  keys: string[];
  local: string;
}

const isMeta = (name: string): boolean => META_ARGUMENTS.includes(name);

/** The rule resources of each security group, folded when two or more can be. */
export function planRuleFolds(module: ModuleView, ctx: TransformContext, id: string): RuleFold[] {
  const rules = module.index.blocks.filter((b) => b.type === 'resource' && b.labels[0] === TYPE && !ignores(b.ignore, id));
  if (rules.length < 2) return [];
  // Rule resources referred to from elsewhere would need those references rewritten: left alone.
  const referenced = new Set<string>();
  for (const b of module.index.blocks) {
    for (const t of traversalsIn(b.node, b.file.text)) if (t.root === TYPE && typeof t.steps[0] === 'string') referenced.add(t.steps[0]);
  }
  const bySg = new Map<string, BlockRef[]>();
  /** The security group as written in the first rule, for names and messages. */
  const written = new Map<string, string>();
  for (const r of rules) {
    const sg = attributeOf(r.body, 'security_group_id');
    const body = itemsOf(r.body);
    if (!sg || body.some((i) => (i.type === 'attribute' && isMeta(attributeName(i))) || i.type === 'block') || referenced.has(r.labels[1]!)) continue;
    const value = attributeValue(sg)!;
    const key = normalizedText(value, r.file.text);
    bySg.set(key, [...(bySg.get(key) ?? []), r]);
    if (!written.has(key)) written.set(key, r.file.text.slice(value.startIndex, value.endIndex));
  }
  const taken = new Set(module.index.blocks.filter((b) => b.type === 'resource' && b.labels[0] === TYPE).map((b) => b.labels[1]!));
  const locals = new Set(module.index.locals.keys());
  const folds: RuleFold[] = [];
  for (const [key, members] of bySg) {
    const sg = written.get(key)!;
    if (members.length < 2 || new Set(members.map((m) => m.file.name)).size > 1) continue;
    const stray = members.find((m) => hasStrayComment(m.node, m.file.text));
    if (stray) {
      ctx.finding('info', `${TYPE}.${stray.labels[1]}: not folded with the other rules of ${sg}: a comment inside it is not next to an argument`, { file: stray.file, node: stray.node });
      continue;
    }
    const names = members.map((m) => m.labels[1]!);
    const { name: base, keys } = nameAndKeys(names, sg);
    let name = base;
    for (let i = 2; taken.has(name) && !names.includes(name); i++) name = `${base}_${i}`;
    taken.add(name);
    let local = `${name}_rules`;
    for (let i = 2; locals.has(local); i++) local = `${name}_rules_${i}`;
    locals.add(local);
    folds.push({ members, name, keys, local });
  }
  return folds;
}

/** `lb_qa_http`, `lb_qa_https` → `lb_qa` with keys `http`, `https`; else the group's name. */
function nameAndKeys(names: string[], sg: string): { name: string; keys: string[] } {
  const parts = names.map((n) => n.split('_'));
  let common = 0;
  while (parts.every((p) => p.length > common + 1 && p[common] === parts[0]![common])) common++;
  if (common > 0) {
    const keys = parts.map((p) => p.slice(common).join('_'));
    if (new Set(keys).size === keys.length) return { name: parts[0]!.slice(0, common).join('_'), keys };
  }
  const group = /^aws_security_group\.([A-Za-z0-9_-]+)\.id$/.exec(sg)?.[1];
  return { name: `${group ?? 'security_group'}_rules`, keys: names };
}


export function applyRuleFold(f: RuleFold, module: ModuleView, c: ChangeBuilder, movedBlocks: boolean): void {
  const first = f.members[0]!;
  const file = first.file;
  const text = file.text;
  const all = attributeUnion(f.members.map((m) => m.node));
  const valueOf = (m: BlockRef, name: string): string | null => {
    const a = attributeOf(m.body, name);
    return a ? normalizedText(attributeValue(a)!, text) : null;
  };
  // Arguments every rule has with the same value stay in the resource as written.
  const shared = all.filter((n) => f.members.every((m) => valueOf(m, n) !== null && valueOf(m, n) === valueOf(first, n)));
  const varying = all.filter((n) => !shared.includes(n));
  const entries = f.members.map((m, i) => mapEntryText(m.node, text, varying, f.keys[i]!, 4));
  const width = Math.max(...[...shared, ...varying].map((n) => n.length));
  const sharedLines = shared.map((n) => {
    const a = attributeOf(first.body, n)!;
    return `  ${n.padEnd(width)} = ${reindent(text.slice(attributeValue(a)!.startIndex, attributeValue(a)!.endIndex), a.startPosition.column, 2)}`;
  });
  const resource = [
    `resource "${TYPE}" "${f.name}" {`,
    `  for_each = local.${f.local}`,
    '',
    ...varying.map((n) => `  ${n.padEnd(width)} = each.value.${n}`),
    ...sharedLines,
    '}',
  ].join('\n');
  const localsText = `locals {\n  ${f.local} = {\n${entries.join('\n')}\n  }\n}`;
  // The first rule's comments went into the map with it.
  const above = leadingCommentRange(first.node, text);
  c.replace(file, above ? above.start : first.node.startIndex, first.node.endIndex, `${localsText}\n\n${resource}`);
  for (const m of f.members.slice(1)) {
    const r = removalRange(text, m.node);
    c.remove(file, r.start, r.end);
  }
  f.members.forEach((m, i) => {
    const move = { from: { workspace: 'default', address: `${TYPE}.${m.labels[1]}` }, to: { workspace: 'default', address: `${TYPE}.${f.name}[${JSON.stringify(f.keys[i])}]` } };
    if (!movedBlocks) return c.move(move);
    c.move({ ...move, via: 'moved' });
    c.appendItem('moved.tf', `moved {\n  from = ${move.from.address}\n  to   = ${move.to.address}\n}\n`);
  });
  if (!movedBlocks) return;
  const raised = requireTerraform(module.index, '1.1', 'moved blocks need Terraform 1.1', c);
  if (raised) c.finding('info', raised);
}

/**
 * Moved blocks unless the run asks for the migration script or tfmigrate and the module keeps one
 * state: after a workspace split the rules are in per-workspace states, where only moved blocks
 * (applied in whichever workspace holds the rule) reach them.
 */
export function ruleMovesAsBlocks(module: ModuleView, ctx: TransformContext): boolean {
  const format = ctx.options.migrationFormat as string | undefined;
  if (format === undefined || format === 'moved') return true;
  if (workspaceEnvironments(module.index) === null) return false;
  ctx.finding('info', `the rule resources move with moved blocks, not the ${format === 'script' ? 'migration script' : 'tfmigrate files'}: after the split by workspace each rule is in its environment's state, which a moved block reaches in every workspace`);
  return true;
}


// fold-security-rules: the literal `ingress` (and, apart, `egress`) blocks of an
// `aws_security_group` become one `dynamic` block over a locals map keyed by a readable rule
// name, each rule's arguments exactly as written (null where a rule lacks one), comments with
// their rule. The set of rules is unchanged. Findings: rules open to the internet beyond 80/443,
// duplicates, groups near AWS's rule limits.
import { attributeName, blockLabels, blocksOf, bodyOf, itemsOf, normalizedText, stringValue, walk } from '../src/cst/nodes.js';
import type { Node } from '../src/cst/parser.js';
import { attributeUnion, dynamicBlockText, hasStrayComment, leadingCommentRange, mapEntryText } from '../src/cst/block-data.js';
import { removalRange } from '../src/cst/structure.js';
import { lineEndAfterBreak, lineStartOf } from '../src/cst/text.js';
import { defineTransform, type ModuleView, type TransformContext } from '../src/engine/transform.js';
import { ignores } from '../src/terraform/ignore-directive.js';
import type { BlockRef, ModuleIndex } from '../src/terraform/module-index.js';
import { exactTraversal, traversalsIn } from '../src/terraform/references.js';
import { ruleArg, ruleArgs, uniqueRuleNames } from '../src/terraform/security-rules.js';
import { applyRuleFold, planRuleFolds, ruleMovesAsBlocks, type RuleFold } from './fold-security-rules-resources.js';

const ID = 'fold-security-rules';
const KINDS = ['ingress', 'egress'] as const;
/** AWS's default quota: rules per direction per security group (IPv4 and IPv6 counted apart). */
const RULE_LIMIT = 60;
const NEAR_LIMIT = 50;

interface Fold {
  group: BlockRef;
  kind: (typeof KINDS)[number];
  rules: Node[];
  local: string;
  keys: string[];
}

/** Why the rules cannot move into locals, or null. */
function refusal(group: BlockRef, rules: Node[], text: string): string | null {
  const self = `aws_security_group.${group.labels[1]}`;
  for (const rule of rules) {
    if (itemsOf(bodyOf(rule)).some((i) => i.type === 'block')) return 'a rule has a nested block';
    for (const t of traversalsIn(rule, text)) {
      if (t.root === 'count' || t.root === 'each' || t.root === 'self') return `a rule uses ${t.root}.*, which does not exist in locals`;
      if (`${t.root}.${String(t.steps[0])}` === self) return 'a rule refers to its own security group (a cycle through locals)';
    }
    // A comment that is neither above nor after an argument would be lost.
    if (hasStrayComment(rule, text)) return 'a comment inside a rule is not next to an argument';
  }
  return null;
}

/**
 * What the prefix lists of a rule count toward the quota, by family: a managed prefix list of this
 * module counts its `max_entries` (AWS counts the maximum, not the entries in use); one whose
 * maximum is not written here counts as one, a lower bound.
 */
function prefixListWeight(v: Node | null, text: string, index: ModuleIndex): { v4: number; v6: number } {
  const tuple = v?.descendantsOfType('tuple')[0];
  const out = { v4: 0, v6: 0 };
  if (!v) return out;
  for (const item of tuple ? tuple.namedChildren.filter((c): c is Node => c?.type === 'expression') : [v]) {
    const t = exactTraversal(item, text);
    const list = t?.root === 'aws_ec2_managed_prefix_list' && typeof t.steps[0] === 'string' ? index.resources.get(`aws_ec2_managed_prefix_list.${t.steps[0]}`) : undefined;
    const max = list ? Number(ruleArg(list.node, 'max_entries')?.text) : NaN;
    const family = list ? ruleArg(list.node, 'address_family') : null;
    out[family && stringValue(family, list!.file.text) === 'IPv6' ? 'v6' : 'v4'] += Number.isInteger(max) && max > 0 ? max : 1;
  }
  return out;
}

/** Findings on literal rules: open to the internet beyond 80/443, duplicates, near the quota. */
function inspect(group: BlockRef, kind: string, rules: Node[], index: ModuleIndex, ctx: TransformContext): void {
  const text = group.file.text;
  const at = (n: Node) => ({ file: group.file, node: n });
  const strings = (v: Node | null): string[] => {
    if (!v) return [];
    const out: string[] = [];
    walk(v, (n) => {
      if (n.type === 'template_literal') out.push(n.text);
      return true;
    });
    return out;
  };
  const elements = (v: Node | null): number => {
    if (!v) return 0;
    const tuple = v.descendantsOfType('tuple')[0];
    return tuple ? tuple.namedChildren.filter((c) => c?.type === 'expression').length : 1;
  };
  const label = `aws_security_group.${group.labels[1]}`;
  const seen = new Map<string, Node>();
  let v4 = 0;
  let v6 = 0;
  for (const rule of rules) {
    const arg = ruleArgs(rule);
    const from = Number(arg('from_port')?.text);
    const to = Number(arg('to_port')?.text);
    const world = strings(arg('cidr_blocks')).includes('0.0.0.0/0') || strings(arg('ipv6_cidr_blocks')).includes('::/0');
    const protocol = arg('protocol')?.text.replace(/"/g, '');
    const webOnly = Number.isFinite(from) && Number.isFinite(to) && from === to && (from === 80 || from === 443) && protocol !== '-1';
    if (kind === 'ingress' && world && !webOnly) {
      const ports = protocol === '-1' || protocol === 'all' ? 'all ports' : from === to ? `port ${from}` : `ports ${from}-${to}`;
      ctx.finding('warning', `${label}: ingress from the whole internet on ${ports}: restrict the source unless it is meant to be public`, at(rule));
    }
    const identity = itemsOf(bodyOf(rule))
      .filter((i) => i.type === 'attribute' && attributeName(i) !== 'description')
      .map((i) => normalizedText(i, text))
      .sort()
      .join(';');
    const twin = seen.get(identity);
    if (twin) ctx.finding('warning', `${label}: this ${kind} rule repeats the one at line ${twin.startPosition.row + 1} (same ports, protocol and sources): AWS keeps one`, at(rule));
    else seen.set(identity, rule);
    const lists = prefixListWeight(arg('prefix_list_ids'), text, index);
    v4 += elements(arg('cidr_blocks')) + elements(arg('security_groups')) + lists.v4 + (arg('self')?.text === 'true' ? 1 : 0);
    v6 += elements(arg('ipv6_cidr_blocks')) + lists.v6;
  }
  for (const [family, n] of [['IPv4', v4], ['IPv6', v6]] as const) {
    if (n >= NEAR_LIMIT) {
      ctx.finding('warning', `${label}: ${n} ${family} ${kind} rules (each CIDR and source group counts; a prefix list counts its maximum entries): AWS allows ${RULE_LIMIT} by default`, at(group.node));
    }
  }
}

interface Plan {
  groups: Fold[];
  rules: RuleFold[];
}

function plan(module: ModuleView, ctx: TransformContext): Plan | null {
  const folds: Fold[] = [];
  const locals = new Set(module.index.locals.keys());
  for (const group of module.index.blocks) {
    if (group.type !== 'resource' || group.labels[0] !== 'aws_security_group' || ignores(group.ignore, ID)) continue;
    const text = group.file.text;
    for (const kind of KINDS) {
      const rules = blocksOf(group.body, kind).filter((b) => blockLabels(b, text).length === 0);
      if (rules.length === 0) continue;
      inspect(group, kind, rules, module.index, ctx);
      if (rules.length < 2) continue;
      const why = refusal(group, rules, text);
      if (why) {
        ctx.finding('info', `aws_security_group.${group.labels[1]}: ${kind} rules not folded: ${why}`, { file: group.file, node: rules[0]! });
        continue;
      }
      let local = `${group.labels[1]}_${kind}`;
      for (let i = 2; locals.has(local); i++) local = `${group.labels[1]}_${kind}_${i}`;
      locals.add(local);
      folds.push({ group, kind, rules, local, keys: uniqueRuleNames(rules, text) });
    }
  }
  const rules = planRuleFolds(module, ctx, ID);
  return folds.length > 0 || rules.length > 0 ? { groups: folds, rules } : null;
}

function apply(p: Plan, module: ModuleView, ctx: TransformContext): void {
  const movedBlocks = p.rules.length > 0 && ruleMovesAsBlocks(module, ctx);
  for (const f of p.rules) {
    const address = `aws_security_group_rule.${f.name}`;
    ctx.change(
      {
        subject: address,
        title: `Fold ${f.members.map((m) => `aws_security_group_rule.${m.labels[1]}`).join(', ')} into ${address} (for_each)`,
        reason: `${f.members.length} rule resources of one security group: one resource with for_each over a map of what differs between them. The same rules; ${f.members.length} ${movedBlocks ? 'moved blocks, so plan shows moves only' : 'state moves in the migration, so plan shows no changes after it'}.`,
        kind: 'refactor',
      },
      (c) => applyRuleFold(f, module, c, movedBlocks),
    );
  }
  for (const f of p.groups) {
    const { group, kind, rules, local, keys } = f;
    const file = group.file;
    const text = file.text;
    const names = attributeUnion(rules);
    const address = `aws_security_group.${group.labels[1]}`;
    ctx.change(
      {
        subject: `${address}.${kind}`,
        title: `Fold the ${rules.length} ${kind} rules of ${address} into local.${local}`,
        reason: `${rules.length} ${kind} blocks written out one by one: one dynamic block over a map of named rules, each with its exact arguments (null where a rule has none). The same rules, so nothing changes in AWS.`,
        kind: 'refactor',
      },
      (c) => {
        const entries = rules.map((rule, i) => mapEntryText(rule, text, names, keys[i]!, 4));
        const localsText = `locals {\n  ${local} = {\n${entries.join('\n')}\n  }\n}\n`;
        const first = rules[0]!;
        const column = first.startPosition.column;
        // The first rule's place takes the dynamic block; its comments went into the map.
        const above = leadingCommentRange(first, text);
        c.replace(file, above ? above.start : lineStartOf(text, first.startIndex), first.endIndex, ' '.repeat(column) + dynamicBlockText(kind, `local.${local}`, names, column));
        for (const r of removals(text, rules.slice(1))) c.remove(file, r.start, r.end);
        // The map right after the security group.
        const after = lineEndAfterBreak(text, group.node.endIndex);
        const nextBlank = after >= text.length || text[after] === '\n' || text.startsWith('\r\n', after);
        c.insert(file, after, `\n${localsText}${nextBlank ? '' : '\n'}`);
      },
    );
  }
  if (p.groups.length > 0) ctx.finding('info', 'one rule per resource is the newer way: aws_vpc_security_group_ingress_rule and aws_vpc_security_group_egress_rule (AWS provider 5) manage each rule on its own, with its own tags and no set-wide replacement');
}

/**
 * The ranges that remove the blocks, merged where they touch; when the last range ends the body,
 * the blank line before it goes too (no blank line before the closing brace).
 */
function removals(text: string, blocks: Node[]): { start: number; end: number }[] {
  const ranges = blocks.map((b) => removalRange(text, b)).sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  const last = merged.at(-1);
  if (last && text.slice(last.end).trimStart().startsWith('}') && last.start > 0) {
    const prev = lineStartOf(text, last.start - 1);
    if (text.slice(prev, last.start).trim() === '') last.start = prev;
  }
  return merged;
}

export default defineTransform<Plan>({
  id: ID,
  title: 'Fold repeated security-group rules into a map',
  description: 'Two or more literal ingress (or egress) blocks of an aws_security_group become one dynamic block over a locals map of named rules; findings for open ports, duplicates and rule quotas.',
  kinds: ['refactor'],
  optIn: false,
  options: {},
  plan,
  apply,
});

// What tfcodemod knows about security-group rule blocks: the readable name a rule gets as a map
// key (fold-security-rules' map of rules, merge-environments' per-environment rule maps).
import { attributeOf, attributeValue, bodyOf, stringValue } from '../cst/nodes.js';
import type { Node } from '../cst/parser.js';

/** The value of a rule block's argument, or null. */
export function ruleArg(rule: Node, name: string): Node | null {
  const a = attributeOf(bodyOf(rule), name);
  return a && attributeValue(a);
}

/** A readable name for a rule block: its description, else protocol and ports. */
export function ruleName(rule: Node, text: string): string {
  const arg = (name: string): string | null => ruleArg(rule, name)?.text.replace(/^"|"$/g, '') ?? null;
  const d = ruleArg(rule, 'description');
  const description = d ? stringValue(d, text) : null;
  let name = (description ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40).replace(/_+$/, '');
  if (!name) {
    const protocol = arg('protocol') === '-1' ? 'all' : (arg('protocol') ?? 'rule').toLowerCase().replace(/[^a-z0-9]+/g, '_');
    const from = arg('from_port');
    const to = arg('to_port');
    name = protocol === 'all' ? 'all_traffic' : `${protocol}_${from ?? ''}${to && to !== from ? `_${to}` : ''}`.replace(/[^a-z0-9_]+/g, '_');
  }
  return /^[a-z_]/.test(name) ? name : `rule_${name}`;
}

/** Names for rules, in order, each made unique with a `_2`, `_3` suffix. */
export function uniqueRuleNames(rules: readonly Node[], text: string): string[] {
  const keys: string[] = [];
  for (const rule of rules) {
    const base = ruleName(rule, text);
    let key = base;
    for (let i = 2; keys.includes(key); i++) key = `${base}_${i}`;
    keys.push(key);
  }
  return keys;
}

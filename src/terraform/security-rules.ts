// What tfcodemod knows about security-group rule blocks: the readable name a rule gets as a map
// key (fold-security-rules' map of rules, merge-environments' per-environment rule maps).
import { attributeName, attributeOf, attributesOf, attributeValue, bodyOf, stringValue } from '../cst/nodes.js';
import type { Node } from '../cst/parser.js';

/** The value of a rule block's argument, or null. */
export function ruleArg(rule: Node, name: string): Node | null {
  const a = attributeOf(bodyOf(rule), name);
  return a && attributeValue(a);
}

/**
 * The values of a rule block's arguments, read once: the value of the named argument (the first
 * one where a name repeats), or null.
 */
export function ruleArgs(rule: Node): (name: string) => Node | null {
  const values = new Map<string, Node | null>();
  for (const a of attributesOf(bodyOf(rule))) {
    const name = attributeName(a);
    if (!values.has(name)) values.set(name, attributeValue(a));
  }
  return (name) => values.get(name) ?? null;
}

/** A readable name for a rule block: its description, else protocol and ports. */
export function ruleName(rule: Node, text: string): string {
  const args = ruleArgs(rule);
  const arg = (name: string): string | null => args(name)?.text.replace(/^"|"$/g, '') ?? null;
  const d = args('description');
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

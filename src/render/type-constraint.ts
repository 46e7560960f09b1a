// A variable's `type` constraint, read into the converter's types, so a value given as a string
// (`-var count=2`, a quoted tfvars value) is converted the way Terraform converts it before use.
import { functionCall, namedChildrenOf, objectElements, unwrap } from '../cst/nodes.js';
import type { Node } from '../cst/parser.js';
import { BOOL, DYNAMIC, listOf, mapOf, NUMBER, setOf, STRING, type Ty } from './functions/types.js';

/**
 * The type the expression names, or null when it cannot be read or converting to it would need
 * what the converter does not model (`optional` attributes and their defaults): then the value
 * is used as given.
 */
export function typeConstraint(expr: Node, text: string): Ty | null {
  const n = unwrap(expr);
  if (n.type === 'variable_expr') {
    const name = n.text;
    return name === 'string' ? STRING : name === 'number' ? NUMBER : name === 'bool' ? BOOL : name === 'any' ? DYNAMIC : null;
  }
  const call = functionCall(n);
  if (!call) return null;
  const { name, args } = call;
  if (args.length !== 1) return null;
  const arg = args[0]!;
  switch (name) {
    case 'list':
    case 'set':
    case 'map': {
      const e = typeConstraint(arg, text);
      if (!e) return null;
      return name === 'list' ? listOf(e) : name === 'set' ? setOf(e) : mapOf(e);
    }
    case 'tuple': {
      const t = unwrap(arg);
      if (t.type !== 'tuple') return null;
      const es = namedChildrenOf(t).filter((c) => c.type === 'expression').map((c) => typeConstraint(c, text));
      return es.every((e): e is Ty => e !== null) ? { k: 'tuple', es } : null;
    }
    case 'object': {
      const as = new Map<string, Ty>();
      for (const el of objectElements(arg, text)) {
        const t = typeConstraint(el.value, text);
        if (!t) return null;
        as.set(el.key, t);
      }
      return { k: 'object', as };
    }
    default:
      return null;
  }
}

// Evaluating HCL expressions from tree-sitter-hcl nodes, with Terraform's semantics where they
// matter for comparing configurations: operators, conditionals, `for` expressions, splats,
// templates, function calls. What cannot be evaluated becomes `unknown` with its source text,
// never a guess; what Terraform itself rejects throws EvalError.
import { childrenOf } from '../cst/nodes.js';
import type { Node } from '../cst/parser.js';
import { decodeQuotedLiteral } from '../cst/strings.js';
import type { Env, Step } from './env.js';
import { toBoolValue, toNumberValue, toStringValue } from './functions.js';
import { evaluateTemplate } from './template.js';
import {
  bool,
  canonical,
  EvalError,
  isSensitive,
  isWhollyKnown,
  list,
  markSensitive,
  NULL,
  num,
  str,
  symbolic,
  unknown,
  type Value,
} from './value.js';

const OPERATORS = new Set(['+', '-', '*', '/', '%', '==', '!=', '<', '>', '<=', '>=', '&&', '||']);

/** Evaluates an expression node (any node that stands for a value). */
export function evaluate(node: Node, env: Env, text: string): Value {
  switch (node.type) {
    case 'expression':
      return evaluateSequence(childrenOf(node), env, text);
    case 'literal_value':
      return literal(node.namedChild(0)!, text);
    case 'collection_value':
      return collection(node.namedChild(0)!, env, text);
    case 'template_expr':
      return evaluateTemplate(node.namedChild(0)!, env, text, evaluate);
    case 'quoted_template':
    case 'heredoc_template':
      return evaluateTemplate(node, env, text, evaluate);
    case 'string_lit':
      return literal(node, text);
    case 'function_call':
      return call(node, env, text);
    case 'for_expr':
      return forExpression(node.namedChild(0)!, env, text);
    case 'conditional':
      return conditional(node, env, text);
    case 'operation':
      return evaluate(node.namedChild(0)!, env, text);
    case 'binary_operation':
    case 'unary_operation':
      return operation(node, env, text);
    case 'variable_expr':
      return evaluateSequence([node], env, text);
    default:
      return unknown(text.slice(node.startIndex, node.endIndex));
  }
}

/** A head (a variable, a literal, a call, a parenthesised expression) and its postfix steps. */
function evaluateSequence(kids: Node[], env: Env, text: string): Value {
  let i = 0;
  let value: Value;
  const head = kids[0];
  if (!head) throw new EvalError('empty expression');
  if (head.type === '(') {
    value = evaluate(kids[1]!, env, text);
    i = 3;
  } else if (head.type === 'variable_expr') {
    const steps = readSteps(kids.slice(1), env, text);
    return traverse(head.text, steps, env, text.slice(head.startIndex, kids[kids.length - 1]!.endIndex));
  } else {
    value = evaluate(head, env, text);
    i = 1;
  }
  return applySteps(value, readSteps(kids.slice(i), env, text));
}

function readSteps(nodes: Node[], env: Env, text: string): Step[] {
  const steps: Step[] = [];
  for (const n of nodes) {
    if (n.type === 'get_attr') steps.push({ kind: 'attr', name: n.namedChild(0)!.text });
    else if (n.type === 'index') {
      const idx = n.namedChild(0)!;
      if (idx.type === 'legacy_index') steps.push({ kind: 'index', key: num(Number(idx.text.replace(/^\./, ''))) });
      else steps.push({ kind: 'index', key: evaluate(idx.namedChildren.find((c) => c?.type === 'expression')!, env, text) });
    } else if (n.type === 'splat') {
      const inner = n.namedChild(0)!;
      steps.push({ kind: 'splat', rest: readSteps(childrenOf(inner).filter((c) => c.type === 'get_attr' || c.type === 'index'), env, text) });
    }
  }
  return steps;
}

function traverse(root: string, steps: Step[], env: Env, source: string): Value {
  const bound = env.bound(root);
  if (bound !== undefined) return applySteps(bound, steps);
  const g = env.globals;
  const first = steps[0];
  const name = first?.kind === 'attr' ? first.name : null;
  switch (root) {
    case 'var':
      if (name === null) throw new EvalError(`invalid reference ${source}`);
      return applySteps(g.variable(name), steps.slice(1));
    case 'local':
      if (name === null) throw new EvalError(`invalid reference ${source}`);
      return applySteps(g.local(name), steps.slice(1));
    case 'terraform':
      if (name === 'workspace') return applySteps(str(g.workspace), steps.slice(1));
      return unknown(source);
    case 'path':
      return name === 'module' || name === 'root' || name === 'cwd' ? applySteps(str('.'), steps.slice(1)) : unknown(source);
    case 'count':
    case 'each':
    case 'self':
      throw new EvalError(`${root} is not available here (${source})`);
    default:
      return g.reference(root, steps, source);
  }
}

/** Applies traversal steps to a value. */
export function applySteps(value: Value, steps: Step[]): Value {
  let v = value;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (step.kind === 'splat') {
      return splat(v, step.rest, steps.slice(i + 1));
    }
    v = applyStep(v, step);
  }
  return v;
}

function splat(v: Value, rest: Step[], after: Step[]): Value {
  let items: Value[];
  if (v.t === 'null') items = [];
  else if (v.t === 'list' || v.t === 'set') items = v.items;
  else if (v.t === 'ref' || v.t === 'symbolic' || v.t === 'unknown') return applySteps(symbolic('[*]', [v, str(JSON.stringify(rest))]), after);
  else items = [v];
  const out = list(items.map((item) => applySteps(item, rest)));
  return applySteps(isSensitive(v) ? markSensitive(out) : out, after);
}

function applyStep(v: Value, step: Exclude<Step, { kind: 'splat' }>): Value {
  const keep = (out: Value): Value => (isSensitive(v) ? markSensitive(out) : out);
  switch (v.t) {
    case 'ref':
      if (step.kind === 'attr') return { ...v, path: [...v.path, step.name] };
      if (step.key.t === 'string' || step.key.t === 'number') return { ...v, path: [...v.path, step.key.v] };
      return symbolic('index', [v, step.key]);
    case 'symbolic':
    case 'unknown':
      return keep(symbolic(step.kind === 'attr' ? `.${step.name}` : 'index', step.kind === 'attr' ? [v] : [v, step.key]));
    case 'map': {
      const key = step.kind === 'attr' ? step.name : step.key.t === 'string' ? step.key.v : step.key.t === 'number' ? String(step.key.v) : null;
      if (key === null) return keep(symbolic('index', [v, (step as { key: Value }).key]));
      const out = v.entries.get(key);
      if (out === undefined) throw new EvalError(step.kind === 'attr' ? `This object does not have an attribute named "${key}"` : `The given key does not identify an element in this collection value: "${key}"`);
      return keep(out);
    }
    case 'list': {
      if (step.kind === 'attr') throw new EvalError(`Unsupported attribute "${step.name}" on a tuple`);
      const k = step.key.t === 'number' ? step.key.v : step.key.t === 'string' && /^\d+$/.test(step.key.v) ? Number(step.key.v) : null;
      if (k === null) {
        if (!isWhollyKnown(step.key)) return keep(symbolic('index', [v, step.key]));
        throw new EvalError('Invalid index: a number is required');
      }
      const out = v.items[k];
      if (out === undefined) throw new EvalError(`Invalid index: the given key does not identify an element (index ${k} of ${v.items.length})`);
      return keep(out);
    }
    case 'null':
      throw new EvalError('Attempt to get an attribute or index from a null value');
    default:
      throw new EvalError(`Unsupported ${step.kind === 'attr' ? `attribute "${step.name}"` : 'index'} on a ${v.t} value`);
  }
}

function literal(n: Node, text: string): Value {
  switch (n.type) {
    case 'numeric_lit':
      return num(Number(text.slice(n.startIndex, n.endIndex)));
    case 'bool_lit':
      return bool(n.text === 'true');
    case 'null_lit':
      return NULL;
    case 'string_lit':
      return str(decodeQuotedLiteral(text.slice(n.startIndex + 1, n.endIndex - 1)));
    default:
      return unknown(text.slice(n.startIndex, n.endIndex));
  }
}

function collection(n: Node, env: Env, text: string): Value {
  if (n.type === 'tuple') return list(n.namedChildren.filter((c): c is Node => c?.type === 'expression').map((e) => evaluate(e, env, text)));
  const entries = new Map<string, Value>();
  let sensitive = false;
  for (const elem of n.namedChildren) {
    if (elem?.type !== 'object_elem') continue;
    const [k, v] = elem.namedChildren.filter((c): c is Node => c?.type === 'expression');
    const kids = childrenOf(k!);
    // A bare name is a literal key; anything else (parentheses, a template) is evaluated.
    const key = kids.length === 1 && kids[0]!.type === 'variable_expr' ? str(kids[0]!.text) : toStringValue(evaluate(k!, env, text));
    if (key.t !== 'string') return symbolic('object', [key]);
    const value = evaluate(v!, env, text);
    sensitive ||= isSensitive(key);
    entries.set(key.v, value);
  }
  const out: Value = { t: 'map', entries };
  return sensitive ? markSensitive(out) : out;
}

/**
 * tree-sitter-hcl groups `a ? b : c ? d : e` as `(a ? b : c) ? d : e`; HCL means
 * `a ? b : (c ? d : e)`. An unparenthesised conditional in condition position is regrouped.
 */
function conditional(n: Node, env: Env, text: string): Value {
  const arms: [Node, Node][] = [];
  let elseNode: Node;
  const flatten = (c: Node): void => {
    const [cond, yes, no] = c.namedChildren.filter((x): x is Node => x?.type === 'expression');
    const inner = cond!.namedChildCount === 1 && cond!.child(0)?.type === 'conditional' ? cond!.child(0)! : null;
    if (inner) {
      flatten(inner);
      arms.push([elseNode, yes!]);
    } else {
      arms.push([cond!, yes!]);
    }
    elseNode = no!;
  };
  flatten(n);
  for (const [cond, yes] of arms) {
    const c = toBoolValue(evaluate(cond, env, text));
    if (c.t !== 'bool') return symbolic('?:', [c, evaluate(yes, env, text)]);
    if (c.v) return evaluate(yes, env, text);
  }
  return evaluate(elseNode!, env, text);
}

function operation(n: Node, env: Env, text: string): Value {
  const kids = childrenOf(n);
  const at = kids.findIndex((k, i) => (n.type === 'unary_operation' ? i === 0 : i > 0 && OPERATORS.has(k.type) && !k.isNamed));
  const op = kids[at]!.type;
  if (n.type === 'unary_operation') {
    const v = evaluateSequence(kids.slice(1), env, text);
    if (op === '!') {
      const b = toBoolValue(v);
      return b.t === 'bool' ? keepSensitive(bool(!b.v), [v]) : symbolic('!', [v]);
    }
    const x = toNumberValue(v);
    return x.t === 'number' ? keepSensitive(num(-x.v), [v]) : symbolic('-', [v]);
  }
  const a = evaluateSequence(kids.slice(0, at), env, text);
  const b = evaluateSequence(kids.slice(at + 1), env, text);
  return binary(op, a, b);
}

function keepSensitive(out: Value, from: Value[]): Value {
  return from.some(isSensitive) ? markSensitive(out) : out;
}

export function binary(op: string, a: Value, b: Value): Value {
  if (op === '==' || op === '!=') {
    if (!isWhollyKnown(a) || !isWhollyKnown(b)) return symbolic(op, [a, b]);
    const eq = canonical(a) === canonical(b);
    return keepSensitive(bool(op === '==' ? eq : !eq), [a, b]);
  }
  if (op === '&&' || op === '||') {
    const x = toBoolValue(a);
    const y = toBoolValue(b);
    if (x.t !== 'bool' || y.t !== 'bool') return symbolic(op, [a, b]);
    return keepSensitive(bool(op === '&&' ? x.v && y.v : x.v || y.v), [a, b]);
  }
  const x = toNumberValue(a);
  const y = toNumberValue(b);
  if (x.t !== 'number' || y.t !== 'number') return symbolic(op, [a, b]);
  let out: Value;
  switch (op) {
    case '+': out = num(x.v + y.v); break;
    case '-': out = num(x.v - y.v); break;
    case '*': out = num(x.v * y.v); break;
    case '/':
      if (y.v === 0) throw new EvalError('Division by zero');
      out = num(x.v / y.v);
      break;
    case '%':
      if (y.v === 0) throw new EvalError('Division by zero');
      out = num(x.v % y.v);
      break;
    case '<': out = bool(x.v < y.v); break;
    case '>': out = bool(x.v > y.v); break;
    case '<=': out = bool(x.v <= y.v); break;
    default: out = bool(x.v >= y.v);
  }
  return keepSensitive(out, [a, b]);
}

function call(n: Node, env: Env, text: string): Value {
  const name = n.namedChild(0)!.text;
  const argsNode = n.namedChildren.find((c) => c?.type === 'function_arguments') ?? null;
  const argNodes = argsNode ? argsNode.namedChildren.filter((c): c is Node => c?.type === 'expression') : [];
  const expand = argsNode ? childrenOf(argsNode).some((c) => c.type === '...') : false;
  const source = text.slice(n.startIndex, n.endIndex);
  if (name === 'try' || name === 'can') {
    for (const a of argNodes) {
      try {
        const v = evaluate(a, env, text);
        if (!isWhollyKnown(v) && name === 'can') return unknown(source);
        return name === 'can' ? bool(true) : v;
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
        if (name === 'can') return bool(false);
      }
    }
    throw new EvalError('try: no expression succeeded');
  }
  const fn = env.globals.functions.get(name);
  if (!fn) return unknown(source);
  let args = argNodes.map((a) => evaluate(a, env, text));
  if (expand) {
    const last = args[args.length - 1]!;
    if (last.t !== 'list' && last.t !== 'set') return symbolic(name, args);
    args = [...args.slice(0, -1), ...last.items];
  }
  return fn(args, env.globals.fnContext);
}

function forExpression(n: Node, env: Env, text: string): Value {
  const intro = n.namedChildren.find((c) => c?.type === 'for_intro')!;
  const names = intro.namedChildren.filter((c): c is Node => c?.type === 'identifier').map((c) => c.text);
  const coll = evaluate(intro.namedChildren.find((c) => c?.type === 'expression')!, env, text);
  const exprs = n.namedChildren.filter((c): c is Node => c?.type === 'expression');
  const cond = n.namedChildren.find((c) => c?.type === 'for_cond')?.namedChildren.find((c) => c?.type === 'expression') ?? null;
  const grouping = childrenOf(n).some((c) => c.type === 'ellipsis' || c.type === '...');
  let pairs: [Value, Value][];
  if (coll.t === 'list') pairs = coll.items.map((v, i) => [num(i), v]);
  else if (coll.t === 'set') pairs = coll.items.map((v) => [v, v]);
  else if (coll.t === 'map') pairs = [...coll.entries.keys()].sort().map((k) => [str(k), coll.entries.get(k)!]);
  else if (coll.t === 'null') throw new EvalError('Iteration over null value');
  else return symbolic('for', [coll, str(text.slice(n.startIndex, n.endIndex))]);
  const bind = (k: Value, v: Value): Env => env.with(names.length === 2 ? [[names[0]!, k], [names[1]!, v]] : [[names[0]!, v]]);
  if (n.type === 'for_tuple_expr') {
    const out: Value[] = [];
    for (const [k, v] of pairs) {
      const scope = bind(k, v);
      if (cond && !truthy(evaluate(cond, scope, text))) continue;
      out.push(evaluate(exprs[0]!, scope, text));
    }
    return list(out);
  }
  const entries = new Map<string, Value>();
  const groups = new Map<string, Value[]>();
  for (const [k, v] of pairs) {
    const scope = bind(k, v);
    if (cond && !truthy(evaluate(cond, scope, text))) continue;
    const key = toStringValue(evaluate(exprs[0]!, scope, text));
    if (key.t !== 'string') return symbolic('for', [coll, str(text.slice(n.startIndex, n.endIndex))]);
    const value = evaluate(exprs[1]!, scope, text);
    if (grouping) groups.set(key.v, [...(groups.get(key.v) ?? []), value]);
    else if (entries.has(key.v)) throw new EvalError(`Duplicate object key "${key.v}" in for expression (use ... to group)`);
    else entries.set(key.v, value);
  }
  if (grouping) for (const [k, vs] of groups) entries.set(k, list(vs));
  return { t: 'map', entries };
}

function truthy(v: Value): boolean {
  const b = toBoolValue(v);
  if (b.t !== 'bool') throw new EvalError('for condition is not known');
  return b.v;
}

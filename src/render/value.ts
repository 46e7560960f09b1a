// Values of rendered Terraform configuration. Besides HCL's own values there are two kinds that
// stand for what cannot be known before apply:
// - `ref`: a reference to another instance's attribute (`aws_vpc.main.id`), kept symbolic and
//   compared by address (after mapping through the state moves);
// - `unknown`: something the renderer cannot evaluate (an unset variable, a function it lacks),
//   kept with its source text; two unknowns are equal only when their texts are.
// Operations on a ref or an unknown give a `symbolic` value described by a canonical text, so
// `"${aws_vpc.dev_vpc.id}-x"` before equals `"${aws_vpc.vpc.id}-x"` after when the move maps one
// address to the other.

export type Value =
  | { t: 'null' }
  | { t: 'string'; v: string }
  | { t: 'number'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'list'; items: Value[] }
  | { t: 'set'; items: Value[] }
  | { t: 'map'; entries: Map<string, Value> }
  | { t: 'ref'; workspace: string; address: string; path: (string | number)[] }
  | { t: 'symbolic'; op: string; args: Value[] }
  | { t: 'unknown'; source: string };

/** A value marked sensitive (a sensitive variable, or derived from one): never printed. */
export type Sensitive = Value & { sensitive?: true };

export const NULL: Value = { t: 'null' };
export const str = (v: string): Value => ({ t: 'string', v });
export const num = (v: number): Value => ({ t: 'number', v });
export const bool = (v: boolean): Value => ({ t: 'bool', v });
export const list = (items: Value[]): Value => ({ t: 'list', items });
export const map = (entries: Iterable<[string, Value]>): Value => ({ t: 'map', entries: new Map(entries) });
export const unknown = (source: string): Value => ({ t: 'unknown', source });
/** An operation (`upper`, `+`, `template`, ...) on arguments not all known before apply. */
export const symbolic = (op: string, args: Value[]): Value => ({ t: 'symbolic', op, args });

export function isSensitive(v: Value): boolean {
  return (v as Sensitive).sensitive === true;
}

export function markSensitive(v: Value): Value {
  return isSensitive(v) ? v : ({ ...v, sensitive: true } as Sensitive);
}

/** True when the value is, or contains, something that is not known before apply. */
export function isWhollyKnown(v: Value): boolean {
  switch (v.t) {
    case 'ref':
    case 'symbolic':
    case 'unknown':
      return false;
    case 'list':
    case 'set':
      return v.items.every(isWhollyKnown);
    case 'map':
      return [...v.entries.values()].every(isWhollyKnown);
    default:
      return true;
  }
}

/** True when the value holds an evaluator gap (`unknown`), not merely a reference. */
export function hasUnknown(v: Value): boolean {
  switch (v.t) {
    case 'unknown':
      return true;
    case 'symbolic':
      return v.args.some(hasUnknown);
    case 'list':
    case 'set':
      return v.items.some(hasUnknown);
    case 'map':
      return [...v.entries.values()].some(hasUnknown);
    default:
      return false;
  }
}

/**
 * The canonical text of a value: equal values have equal texts. Maps are ordered by key, sets
 * by their members' texts, numbers in their shortest form.
 */
export function canonical(v: Value): string {
  switch (v.t) {
    case 'null':
      return 'null';
    case 'string':
      return JSON.stringify(v.v);
    case 'number':
      return String(v.v);
    case 'bool':
      return String(v.v);
    case 'list':
      return `[${v.items.map(canonical).join(', ')}]`;
    case 'set':
      return `toset([${[...new Set(v.items.map(canonical))].sort().join(', ')}])`;
    case 'map':
      return `{${[...v.entries.keys()].sort().map((k) => `${JSON.stringify(k)} = ${canonical(v.entries.get(k)!)}`).join(', ')}}`;
    case 'ref':
      return `${v.workspace}:${[v.address, ...v.path.map((p) => (typeof p === 'number' ? `[${p}]` : p))].join('.').replace(/\.\[/g, '[')}`;
    case 'symbolic':
      return `${v.op}(${v.args.map(canonical).join(', ')})`;
    case 'unknown':
      return `(unknown: ${v.source})`;
  }
}

/**
 * Applies `f` to every ref inside a value, and `g` to the source text of every unknown (for
 * mapping addresses through state moves).
 */
export function mapRefs(v: Value, f: (ref: Extract<Value, { t: 'ref' }>) => Value, g: (source: string) => string = (s) => s): Value {
  let out: Value;
  switch (v.t) {
    case 'ref':
      out = f(v);
      break;
    case 'unknown':
      out = { ...v, source: g(v.source) };
      break;
    case 'symbolic':
      out = { ...v, args: v.args.map((a) => mapRefs(a, f, g)) };
      break;
    case 'list':
    case 'set':
      out = { ...v, items: v.items.map((a) => mapRefs(a, f, g)) };
      break;
    case 'map':
      out = { ...v, entries: new Map([...v.entries].map(([k, a]) => [k, mapRefs(a, f, g)])) };
      break;
    default:
      return v;
  }
  return isSensitive(v) ? markSensitive(out) : out;
}

export function equal(a: Value, b: Value): boolean {
  return canonical(a) === canonical(b);
}

/** A short human form for difference reports; sensitive values never show. */
export function display(v: Value, limit = 80): string {
  if (isSensitive(v)) {
    // The source of an unknown (`var.db_password`) is not secret; its value would be.
    if (v.t === 'unknown') return `(sensitive, not known: ${v.source})`;
    return hasUnknown(v) ? '(sensitive, not known)' : '(sensitive value)';
  }
  if (v.t === 'ref') return canonical(v).replace(/^[^:]*:/, '');
  if (v.t === 'unknown') return `(unknown: ${v.source})`;
  const text = canonical(v);
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

export function typeName(v: Value): string {
  switch (v.t) {
    case 'list':
      return 'tuple';
    case 'map':
      return 'object';
    case 'ref':
    case 'symbolic':
      return 'value known after apply';
    default:
      return v.t;
  }
}

/** An expression that Terraform itself would reject (a type error, a missing key, a bad call). */
export class EvalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvalError';
  }
}

/** What built-in functions may use besides their arguments. */
export interface FunctionContext {
  /** Reads a file relative to the module directory (for `file`); null when it cannot be read. */
  readFile(path: string): string | null;
}

/** A Terraform built-in function: eager arguments in, a value out, EvalError on misuse. */
export type HclFunction = (args: Value[], ctx: FunctionContext) => Value;

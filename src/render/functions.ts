// Terraform's built-in functions, with the semantics of hashicorp/terraform's lang/funcs and
// zclconf/go-cty's function/stdlib. Each function is a spec in the style of cty's
// function.Spec: typed parameters (arguments are converted to them first, as HCL does), which
// of them accept null, values not known before apply, or marks, and an implementation.
//
// What is not known before apply (a ref, a symbolic value, an unknown) is handled the way cty
// handles unknowns: a function that can work on the structure around it does so and keeps it
// as it is; one that needs it returns `name(args…)` as a symbolic value, never a guess.
// Sensitivity propagates as cty's marks do: an argument's own mark always reaches the result,
// and marks inside an argument do too unless the function handles them itself.
import { createHash } from 'node:crypto';
import { cidrHost, CidrError, cidrNetmask, cidrSubnet, parseCidr } from './functions/cidr.js';
import { formatValues } from './functions/format.js';
import { decodeJson, encodeJson } from './functions/json.js';
import { numberText, WHOLE_NUMBER_MESSAGE, wholeNumber } from './functions/numbers.js';
import { goRegExp, goReplaceAll as goRegexpReplaceAll } from './functions/regexp.js';
import { byteLength, compareStrings, goLower, goReplaceAll, goSplit, goTitle, goTrim, goTrimSpace, goUpper, graphemes, nfc, safeKnownPrefix } from './functions/text.js';
import {
  BOOL,
  ConversionError,
  convert,
  DYNAMIC,
  friendlyName,
  isKnown,
  listOf,
  mapOf,
  NUMBER,
  sequenceItems,
  setOf,
  STRING,
  typeOf,
  unify,
  type Ty,
} from './functions/types.js';
import { canonical, EvalError, isSensitive, isWhollyKnown, list, markSensitive, NULL, num, str, symbolic, bool, type FunctionContext, type HclFunction, type Value } from './value.js';

// ---------------------------------------------------------------------------------------------
// Conversions the evaluator shares (templates, operators, conditions, object keys).

/**
 * Terraform's conversion to string: numbers in their shortest decimal form, bools as
 * "true"/"false". Refs, symbolic values and unknowns come back unchanged; null and
 * collections throw EvalError, as they do in a template or an object key.
 */
export function toStringValue(v: Value): Value {
  return toPrimitive(v, STRING);
}

/** Terraform's conversion to number (strings holding a decimal number convert). */
export function toNumberValue(v: Value): Value {
  return toPrimitive(v, NUMBER);
}

/** Terraform's conversion to bool (the strings "true", "false", "1" and "0" convert). */
export function toBoolValue(v: Value): Value {
  return toPrimitive(v, BOOL);
}

function toPrimitive(v: Value, want: Ty): Value {
  if (!isKnown(v)) return v;
  if (v.t === 'null') throw new EvalError(`a null value cannot be used where a ${want.k} is required`);
  try {
    return convert(v, want);
  } catch (e) {
    if (e instanceof ConversionError) throw new EvalError(e.message);
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// The call machinery.

interface Param {
  name: string;
  /** The type arguments are converted to before the call; none means any value as it is. */
  type?: Ty;
  allowNull?: boolean;
  /** The implementation sees refs, symbolic values and unknowns at the top level. */
  allowUnknown?: boolean;
  /** Only the argument's own mark reaches the result (marks inside it stay where they are). */
  allowMarked?: boolean;
}

interface Spec {
  params: Param[];
  varParam?: Param;
  impl(args: Value[], call: Call): Value;
}

/** Thrown by an implementation that needs what is not known before apply. */
class NotKnown extends Error {}

class Call {
  constructor(
    readonly name: string,
    private readonly spec: Spec,
    readonly ctx: FunctionContext,
  ) {}

  param(i: number): Param {
    return this.spec.params[i] ?? this.spec.varParam!;
  }

  /** Terraform's "Invalid function argument" error. */
  argError(i: number, message: string): never {
    throw new EvalError(`${this.name}: Invalid value for "${this.param(i).name}" parameter: ${message}.`);
  }

  /** Terraform's "Error in function call" error. */
  fail(message: string): never {
    throw new EvalError(`Call to function "${this.name}" failed: ${message}.`);
  }
}

/** Gives up on a known result: the caller returns the call as a symbolic value. */
function notKnown(): never {
  throw new NotKnown();
}

function known<T extends Value>(v: T): T {
  return isKnown(v) ? v : notKnown();
}

function whollyKnown<T extends Value>(v: T): T {
  return isWhollyKnown(v) ? v : notKnown();
}

function containsSensitive(v: Value): boolean {
  if (isSensitive(v)) return true;
  switch (v.t) {
    case 'list':
    case 'set':
      return v.items.some(containsSensitive);
    case 'map':
      return [...v.entries.values()].some(containsSensitive);
    case 'symbolic':
      return v.args.some(containsSensitive);
    default:
      return false;
  }
}

function define(name: string, spec: Spec): HclFunction {
  return (args, ctx) => {
    const call = new Call(name, spec, ctx);
    const n = spec.params.length;
    if (args.length < n) throw new EvalError(`Not enough function arguments: function "${name}" expects ${n} argument(s). Missing value for "${spec.params[args.length]!.name}".`);
    if (!spec.varParam && args.length > n) throw new EvalError(`Too many function arguments: function "${name}" expects only ${n} argument(s).`);
    const converted = args.map((a, i) => {
      const p = call.param(i);
      if (a.t === 'null' && !p.allowNull) call.argError(i, 'argument must not be null');
      if (!isKnown(a) || !p.type) return a;
      try {
        const c = convert(a, p.type);
        // cty strings are NFC-normalized.
        return c.t === 'string' ? keepMark(str(nfc(c.v)), c) : c;
      } catch (e) {
        if (e instanceof ConversionError) call.argError(i, e.message);
        throw e;
      }
    });
    let result: Value;
    if (converted.some((a, i) => !isKnown(a) && !call.param(i).allowUnknown)) {
      result = symbolic(name, args);
    } else {
      try {
        result = spec.impl(converted, call);
      } catch (e) {
        if (!(e instanceof NotKnown)) throw e;
        result = symbolic(name, args);
      }
    }
    const sensitive = args.some((a, i) => (call.param(i).allowMarked ? isSensitive(a) : containsSensitive(a)));
    return sensitive ? markSensitive(result) : result;
  };
}

function keepMark(out: Value, from: Value): Value {
  return isSensitive(from) ? markSensitive(out) : out;
}

const text = (s: string): Value => str(nfc(s));
const p = (name: string, type?: Ty, opts: Omit<Param, 'name' | 'type'> = {}): Param => ({ name, ...(type ? { type } : {}), ...opts });
const stringOf = (v: Value): string => (v as { v: string }).v;
const numberOf = (v: Value): number => (v as { v: number }).v;

/** A string function of string parameters. */
function strings(names: string[], f: (...xs: string[]) => string | boolean): Spec {
  return {
    params: names.map((n) => p(n, STRING)),
    impl: (args) => {
      const out = f(...args.map(stringOf));
      return typeof out === 'boolean' ? bool(out) : text(out);
    },
  };
}

function numeric(f: (x: number) => number, opts: Omit<Param, 'name' | 'type'> = {}): Spec {
  return { params: [p('num', NUMBER, opts)], impl: ([x]) => num(f(numberOf(x!))) };
}

/** gocty's conversion of a number argument to a Go int. */
function int(call: Call, v: Value, context = ''): number {
  return wholeNumber(numberOf(v)) ?? call.fail(`${context}${WHOLE_NUMBER_MESSAGE}`);
}

/** gocty's conversion of a number argument to a *big.Int. */
function bigInt(call: Call, v: Value): bigint {
  const x = numberOf(v);
  return Number.isInteger(x) ? BigInt(x) : call.fail('value must be a whole number');
}

/**
 * Symbolic operations whose result is known to be a primitive (a string, number or bool):
 * templates, operators, and the functions here that return one.
 */
const PRIMITIVE_OPS = new Set([
  ...['template', '==', '!=', '<', '>', '<=', '>=', '&&', '||', '!', '+', '-', '*', '/', '%'],
  ...['format', 'join', 'upper', 'lower', 'title', 'trimspace', 'trim', 'trimprefix', 'trimsuffix', 'replace', 'substr'],
  ...['startswith', 'endswith', 'tostring', 'tonumber', 'tobool', 'jsonencode', 'base64encode', 'base64decode'],
  ...['md5', 'sha1', 'sha256', 'cidrsubnet', 'cidrhost', 'cidrnetmask', 'length', 'contains', 'sum', 'min', 'max'],
  ...['abs', 'ceil', 'floor', 'file'],
]);

/**
 * The known start of a string that is not known before apply: the literal text a template
 * or a format string begins with (HCL and cty refine such unknowns with that prefix).
 */
function knownPrefix(v: Value): string {
  if (v.t !== 'symbolic') return '';
  if (v.op === 'template') {
    let s = '';
    for (const part of v.args) {
      if (part.t !== 'string') break;
      s += part.v;
    }
    return safeKnownPrefix(s);
  }
  const f = v.args[0];
  if (v.op === 'format' && f?.t === 'string' && f.v.indexOf('%') > 0) return safeKnownPrefix(f.v.slice(0, f.v.indexOf('%')));
  return '';
}

function conversionFunction(want: Ty, wantName: string): Spec {
  return {
    params: [p('v', undefined, { allowNull: true, allowMarked: true, allowUnknown: true })],
    impl: ([v], call) => {
      const arg = known(v!);
      if (arg.t === 'null') return NULL;
      let target = want;
      if (want.k === 'list' || want.k === 'set' || want.k === 'map') {
        const members = want.k === 'map' ? (arg.t === 'map' ? [...arg.entries.values()] : null) : sequenceItems(arg);
        const e = members && unify(members.map(typeOf));
        if (!e) return call.argError(0, `cannot convert ${friendlyName(typeOf(arg))} to ${wantName}`);
        target = want.k === 'list' ? listOf(e) : want.k === 'set' ? setOf(e) : mapOf(e);
      }
      try {
        return convert(arg, target);
      } catch (e) {
        if (!(e instanceof ConversionError)) throw e;
        const what = arg.t === 'string' ? JSON.stringify(arg.v) : 'string';
        if (isSensitive(arg)) return call.argError(0, `cannot convert this sensitive ${friendlyName(typeOf(arg))} to ${wantName}`);
        if (arg.t === 'string' && want.k === 'bool') return call.argError(0, `cannot convert ${what} to bool; only the strings "true" or "false" are allowed`);
        if (arg.t === 'string' && want.k === 'number') return call.argError(0, `cannot convert ${what} to number; given string must be a decimal representation of a number`);
        return call.argError(0, `cannot convert ${friendlyName(typeOf(arg))} to ${wantName}`);
      }
    },
  };
}

function hash(algorithm: 'md5' | 'sha1' | 'sha256'): Spec {
  return strings(['str'], (s) => createHash(algorithm).update(s, 'utf8').digest('hex'));
}

function parseNetwork(call: Call, prefix: Value): ReturnType<typeof parseCidr> {
  try {
    return parseCidr(stringOf(prefix));
  } catch (e) {
    if (e instanceof CidrError) return call.fail(`invalid CIDR expression: ${e.message}`);
    throw e;
  }
}

function cidrCall<T>(call: Call, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof CidrError) return call.fail(e.message);
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// The functions.

const SPECS: Record<string, Spec> = {
  // --- Collections ---------------------------------------------------------------------------

  merge: {
    params: [],
    varParam: p('maps', undefined, { allowNull: true, allowMarked: true }),
    impl: (args, call) => {
      const out = new Map<string, Value>();
      for (const m of args) {
        if (m.t === 'null') continue;
        if (m.t !== 'map') return call.fail(`arguments must be maps or objects, got ${JSON.stringify(friendlyName(typeOf(m)))}`);
        for (const [k, v] of m.entries) out.set(k, v);
      }
      return { t: 'map', entries: out };
    },
  },

  lookup: {
    params: [p('inputMap', undefined, { allowMarked: true, allowUnknown: true }), p('key', STRING, { allowMarked: true, allowUnknown: true })],
    varParam: p('default', undefined, { allowNull: true, allowMarked: true, allowUnknown: true }),
    impl: ([m, key, fallback, ...extra], call) => {
      if (extra.length > 0) call.fail(`lookup() takes two or three arguments, got ${3 + extra.length}`);
      if (isKnown(m!) && m!.t !== 'map') call.argError(0, 'lookup() requires a map as the first argument');
      const k = stringOf(known(key!));
      const found = (known(m!) as Extract<Value, { t: 'map' }>).entries.get(k);
      if (found !== undefined) return found;
      if (fallback !== undefined) return fallback;
      return call.argError(0, `the given object has no attribute ${isSensitive(key!) ? '(sensitive value)' : JSON.stringify(k)}`);
    },
  },

  concat: {
    params: [],
    varParam: p('seqs', undefined, { allowMarked: true }),
    impl: (args, call) => {
      if (args.length === 0) call.fail('at least one argument is required');
      return list(args.flatMap((s, i) => (s.t === 'list' ? s.items : call.argError(i, `all arguments must be lists or tuples; got ${friendlyName(typeOf(s))}`))));
    },
  },

  tomap: conversionFunction(mapOf(DYNAMIC), 'map of any single type'),
  tolist: conversionFunction(listOf(DYNAMIC), 'list of any single type'),
  toset: conversionFunction(setOf(DYNAMIC), 'set of any single type'),
  tostring: conversionFunction(STRING, 'string'),
  tonumber: conversionFunction(NUMBER, 'number'),
  tobool: conversionFunction(BOOL, 'bool'),

  keys: {
    params: [p('inputMap', undefined, { allowMarked: true, allowUnknown: true })],
    impl: ([m], call) => {
      const v = known(m!);
      if (v.t !== 'map') return call.argError(0, 'must have map or object type');
      return list([...v.entries.keys()].sort(compareStrings).map(str));
    },
  },

  values: {
    params: [p('mapping', undefined, { allowMarked: true })],
    impl: ([m], call) => {
      if (m!.t !== 'map') return call.fail('values() requires a map as the first argument');
      const entries = m!.entries;
      return list([...entries.keys()].sort(compareStrings).map((k) => entries.get(k)!));
    },
  },

  length: {
    params: [p('value', undefined, { allowMarked: true, allowUnknown: true })],
    impl: ([v], call) => {
      const x = known(v!);
      if (x.t === 'string') return num(graphemes(nfc(x.v)).length);
      if (x.t === 'map') return num(x.entries.size);
      const items = sequenceItems(x);
      return items ? num(items.length) : call.fail('argument must be a string, a collection type, or a structural type');
    },
  },

  contains: {
    params: [p('list'), p('value', undefined, { allowNull: true })],
    impl: ([l, v], call) => {
      const items = sequenceItems(l!) ?? call.fail('argument must be list, tuple, or set');
      if (items.length === 0) return bool(false);
      const wanted = whollyKnown(v!);
      let maybe = false;
      for (const item of items) {
        if (!isWhollyKnown(item)) maybe = true;
        else if (canonical(item) === canonical(wanted)) return bool(true);
      }
      return maybe ? notKnown() : bool(false);
    },
  },

  coalesce: {
    params: [],
    varParam: p('vals', undefined, { allowNull: true, allowUnknown: true }),
    impl: (args, call) => {
      const t = unify(args.filter((a) => isKnown(a) && a.t !== 'null').map(typeOf));
      if (args.length === 0 || !t) return call.fail('all arguments must have the same type');
      // With arguments of unknown type the unified type may differ (1 or "1"), unless it is
      // already string, the most general one.
      const typeSettled = t.k === 'string' || args.every(isKnown);
      for (const a of args) {
        if (!isKnown(a)) return notKnown();
        if (a.t === 'null') continue;
        const v = convert(a, t);
        if (t.k === 'string' && v.t === 'string' && v.v === '') continue;
        return typeSettled ? v : notKnown();
      }
      return call.fail('no non-null, non-empty-string arguments');
    },
  },

  coalescelist: {
    params: [],
    varParam: p('vals', undefined, { allowNull: true, allowUnknown: true }),
    impl: (args, call) => {
      if (args.length === 0) call.fail('at least one argument is required');
      for (const a of args) if (isKnown(a) && a.t !== 'null' && a.t !== 'list') call.fail('coalescelist arguments must be lists or tuples');
      for (const a of args) {
        if (!isKnown(a)) return notKnown();
        if (a.t === 'list' && a.items.length > 0) return a;
      }
      return call.fail('no non-null arguments');
    },
  },

  compact: {
    params: [p('list', listOf(STRING))],
    impl: ([l]) => list((whollyKnown(l!) as Extract<Value, { t: 'list' }>).items.filter((v) => v.t === 'string' && v.v !== '')),
  },

  element: {
    params: [p('list', undefined, { allowMarked: true }), p('index', NUMBER)],
    impl: ([l, index], call) => {
      if (l!.t !== 'list') return call.fail(`cannot read elements from ${friendlyName(typeOf(l!))}`);
      const i = int(call, index!, 'invalid index: ');
      const n = l!.items.length;
      if (n === 0) return call.fail('cannot use element function with an empty list');
      return l!.items[((i % n) + n) % n]!;
    },
  },

  slice: {
    params: [p('list', undefined, { allowMarked: true }), p('start_index', NUMBER), p('end_index', NUMBER)],
    impl: ([l, start, end], call) => {
      if (l!.t === 'set') call.argError(0, 'cannot slice a set, because its elements do not have indices; explicitly convert to a list if the ordering of the result is not important');
      if (l!.t !== 'list') return call.argError(0, 'must be a list or tuple value');
      const n = l!.items.length;
      const index = (v: Value, i: number, what: string): number => {
        const x = wholeNumber(numberOf(v)) ?? call.argError(i, `invalid ${what} index: ${WHOLE_NUMBER_MESSAGE}`);
        if (x < 0) call.argError(i, `${what} index must not be less than zero`);
        if (x > n) call.argError(i, `${what} index must not be greater than the length of the list`);
        return x;
      };
      const s = index(start!, 1, 'start');
      const e = index(end!, 2, 'end');
      if (s > e) call.argError(1, 'start index must not be greater than end index');
      return list(l!.items.slice(s, e));
    },
  },

  flatten: {
    params: [p('list', undefined, { allowMarked: true })],
    impl: ([l], call) => {
      const items = sequenceItems(l!) ?? call.fail('can only flatten lists, sets and tuples');
      const out: Value[] = [];
      let sensitive = false;
      const walk = (xs: Value[]): void => {
        for (const x of xs) {
          const inner = sequenceItems(x);
          if (inner) {
            sensitive ||= isSensitive(x);
            walk(inner);
          } else if (x.t === 'unknown' || (x.t === 'symbolic' && !PRIMITIVE_OPS.has(x.op))) {
            // It may be a list itself, to be flattened in turn.
            notKnown();
          } else {
            // A ref is taken as a single value (a resource attribute, not a list to splice in).
            out.push(x);
          }
        }
      };
      walk(items);
      return sensitive ? markSensitive(list(out)) : list(out);
    },
  },

  distinct: {
    params: [p('list')],
    impl: ([l], call) => {
      const items = sequenceItems(l!) ?? call.argError(0, 'list of any single type required');
      whollyKnown(l!);
      const t = unify(items.map(typeOf)) ?? call.argError(0, 'all list elements must have the same type');
      const seen = new Set<string>();
      const out: Value[] = [];
      for (const item of items.map((x) => convert(x, t))) {
        const key = canonical(item);
        if (!seen.has(key)) out.push(item);
        seen.add(key);
      }
      return list(out);
    },
  },

  reverse: {
    params: [p('list', undefined, { allowMarked: true })],
    impl: ([l], call) => {
      const items = sequenceItems(l!) ?? call.argError(0, `can only reverse list or tuple values, not ${friendlyName(typeOf(l!))}`);
      return list([...items].reverse());
    },
  },

  sort: {
    params: [p('list', listOf(STRING), { allowUnknown: true })],
    impl: ([l], call) => {
      const items = (whollyKnown(l!) as Extract<Value, { t: 'list' }>).items;
      items.forEach((v, i) => v.t === 'null' && call.fail(`given list element ${i} is null; a null string cannot be sorted`));
      return list(items.map(stringOf).sort(compareStrings).map(str));
    },
  },

  range: {
    params: [],
    varParam: p('params', NUMBER),
    impl: (args, call) => {
      if (args.length === 0 || args.length > 3) call.fail('must have one, two, or three arguments');
      const xs = args.map(numberOf);
      const [start, end, step] = xs.length === 1 ? [0, xs[0]!, xs[0]! < 0 ? -1 : 1] : xs.length === 2 ? [xs[0]!, xs[1]!, xs[1]! < xs[0]! ? -1 : 1] : (xs as [number, number, number]);
      if (step === 0) call.argError(2, 'step must not be zero');
      const down = step < 0;
      if (down && end > start) call.argError(1, 'end must be less than start when step is negative');
      if (!down && end < start) call.argError(1, 'end must be greater than start when step is positive');
      const out = decimalRange(start, end, step);
      return out ? list(out.map(num)) : call.fail('more than 1024 values were generated; either decrease the difference between start and end or use a smaller step');
    },
  },

  zipmap: {
    params: [p('keys', listOf(STRING), { allowMarked: true }), p('values', undefined, { allowMarked: true })],
    impl: ([k, v], call) => {
      if (v!.t !== 'list') return call.fail('values argument must be a list or tuple value');
      const keys = (whollyKnown(k!) as Extract<Value, { t: 'list' }>).items;
      const values = v!.items;
      if (keys.length !== values.length) call.fail(`number of keys (${keys.length}) does not match number of values (${values.length})`);
      const out = new Map<string, Value>();
      keys.forEach((key, i) => (key.t === 'string' ? out.set(key.v, values[i]!) : call.fail(`keys list has null value at index ${i}`)));
      // Keys cannot carry marks, so a sensitive key marks the whole map.
      return keys.some(isSensitive) ? markSensitive({ t: 'map', entries: out }) : { t: 'map', entries: out };
    },
  },

  one: {
    params: [p('list')],
    impl: ([l], call) => {
      const items = sequenceItems(l!);
      if (!items || items.length > 1) return call.argError(0, 'must be a list, set, or tuple value with either zero or one elements');
      return items[0] ?? NULL;
    },
  },

  sum: {
    params: [p('list')],
    impl: ([l], call) => {
      const items = l!.t === 'map' ? [...l!.entries.values()] : sequenceItems(l!) ?? call.argError(0, 'cannot sum noniterable');
      if (items.length === 0) call.argError(0, 'cannot sum an empty list');
      if (l!.t === 'map') call.argError(0, `argument must be list, set, or tuple. Received ${friendlyName(typeOf(l!))}`);
      whollyKnown(l!);
      let total = 0;
      for (const item of items) {
        if (item.t === 'null') call.argError(0, 'argument must be list, set, or tuple of number values');
        let x: Value;
        try {
          x = convert(item, NUMBER);
        } catch {
          return call.argError(0, 'argument must be list, set, or tuple of number values');
        }
        total += numberOf(x);
      }
      return Number.isNaN(total) ? call.fail("can't compute sum of opposing infinities") : num(total);
    },
  },

  min: {
    params: [],
    varParam: p('numbers', NUMBER),
    impl: (args, call) => (args.length === 0 ? call.fail('must pass at least one number') : num(Math.min(...args.map(numberOf)))),
  },

  max: {
    params: [],
    varParam: p('numbers', NUMBER),
    impl: (args, call) => (args.length === 0 ? call.fail('must pass at least one number') : num(Math.max(...args.map(numberOf)))),
  },

  abs: numeric(Math.abs, { allowMarked: true }),
  ceil: numeric(Math.ceil),
  floor: numeric(Math.floor),

  // --- Strings -------------------------------------------------------------------------------

  format: {
    params: [p('format', STRING)],
    varParam: p('args', undefined, { allowNull: true, allowUnknown: true }),
    impl: ([f, ...args], call) => {
      args.forEach(whollyKnown);
      return text(formatting(call, () => formatValues(stringOf(f!), args)));
    },
  },

  formatlist: {
    params: [p('format', STRING)],
    varParam: p('args', undefined, { allowNull: true, allowUnknown: true }),
    impl: ([f, ...args], call) => {
      const spec = stringOf(f!);
      if (args.length === 0) return list([text(formatting(call, () => formatValues(spec, [])))]);
      let length = -1;
      let chooser = -1;
      const sequences = args.map((a, i) => {
        // An argument of unknown type may be a list to iterate over.
        const items = a.t === 'null' ? null : sequenceItems(known(a));
        if (items && length < 0) {
          length = items.length;
          chooser = i;
        } else if (items && items.length !== length) {
          call.fail(`argument ${i + 1} has length ${items.length}, which is inconsistent with argument ${chooser + 1} of length ${length}`);
        }
        return items;
      });
      const out: Value[] = [];
      for (let n = 0; n < Math.max(length, length < 0 ? 1 : 0); n++) {
        const these = args.map((a, i) => sequences[i]?.[n] ?? (sequences[i] ? NULL : a));
        if (!these.every(isWhollyKnown)) {
          out.push(symbolic('format', [f!, ...these]));
          continue;
        }
        out.push(text(formatting(call, () => formatValues(spec, these), `error on format iteration ${n}: `)));
      }
      return list(out);
    },
  },

  join: {
    params: [p('separator', STRING)],
    varParam: p('lists', listOf(STRING)),
    impl: ([sep, ...lists], call) => {
      if (lists.length === 0) call.fail('at least one list is required');
      const items = lists.flatMap((l, li) =>
        (whollyKnown(l) as Extract<Value, { t: 'list' }>).items.map((v, ei) =>
          v.t === 'string' ? v.v : call.argError(li + 1, lists.length > 1 ? `element ${ei} of list ${li + 1} is null; cannot concatenate null values` : `element ${ei} is null; cannot concatenate null values`),
        ),
      );
      return text(items.join(stringOf(sep!)));
    },
  },

  split: {
    params: [p('separator', STRING), p('str', STRING)],
    impl: ([sep, s]) => list(goSplit(stringOf(s!), stringOf(sep!)).map(text)),
  },

  lower: strings(['str'], goLower),
  upper: strings(['str'], goUpper),
  title: strings(['str'], goTitle),
  trimspace: strings(['str'], goTrimSpace),
  trim: strings(['str', 'cutset'], goTrim),
  trimprefix: strings(['str', 'prefix'], (s, prefix) => (s.startsWith(prefix) ? s.slice(prefix.length) : s)),
  trimsuffix: strings(['str', 'suffix'], (s, suffix) => (suffix !== '' && s.endsWith(suffix) ? s.slice(0, s.length - suffix.length) : s)),
  endswith: strings(['str', 'suffix'], (s, suffix) => s.endsWith(suffix)),

  startswith: {
    params: [p('str', STRING, { allowUnknown: true }), p('prefix', STRING)],
    impl: ([s, pre]) => {
      const prefix = stringOf(pre!);
      if (isKnown(s!)) return bool(stringOf(s!).startsWith(prefix));
      // cty: an unknown string refined with a known prefix can still answer.
      if (prefix === '') return bool(true);
      const start = knownPrefix(s!);
      if (start !== '' && start.startsWith(prefix)) return bool(true);
      if (start !== '' && byteLength(start) >= byteLength(prefix)) return bool(false);
      return notKnown();
    },
  },

  replace: {
    params: [p('str', STRING), p('substr', STRING), p('replace', STRING)],
    impl: ([s, sub, repl], call) => {
      const [input, pattern, replacement] = [stringOf(s!), stringOf(sub!), stringOf(repl!)];
      if (pattern.length > 1 && pattern.startsWith('/') && pattern.endsWith('/')) {
        let re: RegExp | null;
        try {
          re = goRegExp(pattern.slice(1, -1));
        } catch (e) {
          if (e instanceof EvalError) return call.fail(e.message);
          throw e;
        }
        // A pattern this translation does not cover is left symbolic rather than guessed.
        return re ? text(goRegexpReplaceAll(re, input, replacement)) : notKnown();
      }
      return text(goReplaceAll(input, pattern, replacement));
    },
  },

  substr: {
    params: [p('str', STRING), p('offset', NUMBER), p('length', NUMBER)],
    impl: ([s, o, l], call) => {
      // cty's Substr, quirks included: a negative offset counts from the end, and then a
      // length of 0 takes the rest.
      const chars = graphemes(stringOf(s!));
      let offset = int(call, o!);
      const length = int(call, l!);
      if (offset < 0) offset += chars.length;
      else if (length === 0) return text('');
      const rest = offset > 0 ? chars.slice(offset) : chars;
      return text((length < 0 || length === 0 ? rest : rest.slice(0, length)).join(''));
    },
  },

  // --- Encoding, hashing, networking, files ---------------------------------------------------

  jsonencode: {
    params: [p('val', undefined, { allowNull: true, allowUnknown: true })],
    impl: ([v], call) => {
      try {
        return text(encodeJson(v!) ?? notKnown());
      } catch (e) {
        if (e instanceof EvalError) return call.fail(e.message);
        throw e;
      }
    },
  },

  jsondecode: {
    params: [p('str', STRING)],
    impl: ([s], call) => {
      try {
        return decodeJson(stringOf(s!));
      } catch (e) {
        if (e instanceof EvalError) return call.fail(e.message);
        throw e;
      }
    },
  },

  base64encode: strings(['str'], (s) => Buffer.from(s, 'utf8').toString('base64')),

  base64decode: {
    params: [p('str', STRING, { allowMarked: true, allowUnknown: true })],
    impl: ([s], call) => {
      const encoded = stringOf(known(s!));
      // Go's StdEncoding: padding required, no stray characters; CR and LF are skipped.
      const body = encoded.replace(/[\r\n]/g, '');
      if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(body)) {
        return call.fail(`failed to decode base64 data ${isSensitive(s!) ? '(sensitive value)' : JSON.stringify(encoded)}`);
      }
      try {
        return text(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(body, 'base64')));
      } catch {
        return call.fail('the result of decoding the provided string is not valid UTF-8');
      }
    },
  },

  md5: hash('md5'),
  sha1: hash('sha1'),
  sha256: hash('sha256'),

  cidrsubnet: {
    params: [p('prefix', STRING), p('newbits', NUMBER), p('netnum', NUMBER)],
    impl: ([prefix, newbits, netnum], call) => {
      const bits = int(call, newbits!);
      const n = bigInt(call, netnum!);
      const network = parseNetwork(call, prefix!);
      return text(cidrCall(call, () => cidrSubnet(network, bits, n)));
    },
  },

  cidrhost: {
    params: [p('prefix', STRING), p('hostnum', NUMBER)],
    impl: ([prefix, hostnum], call) => {
      const n = bigInt(call, hostnum!);
      const network = parseNetwork(call, prefix!);
      return text(cidrCall(call, () => cidrHost(network, n)));
    },
  },

  cidrnetmask: {
    params: [p('prefix', STRING)],
    impl: ([prefix], call) => text(cidrCall(call, () => cidrNetmask(parseNetwork(call, prefix!), stringOf(prefix!)))),
  },

  file: {
    params: [p('path', STRING, { allowMarked: true, allowUnknown: true })],
    impl: ([path], call) => {
      const name = stringOf(known(path!));
      const content = call.ctx.readFile(name);
      if (content === null) {
        const shown = isSensitive(path!) ? '(sensitive value)' : JSON.stringify(name);
        return call.argError(0, `no file exists at ${shown}; this function works only with files that are distributed as part of the configuration source code, so if this file will be created by a resource in this configuration you must instead obtain this result from an attribute of that resource`);
      }
      return text(content);
    },
  },
};

function formatting(call: Call, f: () => string, context = ''): string {
  try {
    return f();
  } catch (e) {
    if (e instanceof EvalError) return call.fail(`${context}${e.message}`);
    throw e;
  }
}


/**
 * range's values computed in decimal (start + i × step), so that steps like 0.1 give the
 * decimals they name; null past cty's limit of 1024 values.
 */
function decimalRange(start: number, end: number, step: number): number[] | null {
  const out: number[] = [];
  const decimals = (x: number): number => (numberText(x).split('.')[1] ?? '').length;
  const finite = [start, end, step].every(Number.isFinite);
  const scale = finite ? Math.max(decimals(start), decimals(end), decimals(step)) : 0;
  if (!finite || scale > 20) {
    for (let x = start; step < 0 ? x > end : x < end; x += step) {
      if (out.length >= 1024) return null;
      out.push(x);
    }
    return out;
  }
  const scaled = (x: number): bigint => {
    const [i, f = ''] = numberText(Math.abs(x)).split('.') as [string, string?];
    const v = BigInt(i + f.padEnd(scale, '0'));
    return x < 0 ? -v : v;
  };
  const [e, d] = [scaled(end), scaled(step)];
  for (let x = scaled(start); d < 0n ? x > e : x < e; x += d) {
    if (out.length >= 1024) return null;
    out.push(Number(`${x}e-${scale}`));
  }
  return out;
}

export const FUNCTIONS: ReadonlyMap<string, HclFunction> = new Map(Object.entries(SPECS).map(([name, spec]) => [name, define(name, spec)]));

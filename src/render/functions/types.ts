// Just enough of cty's type system to convert values the way Terraform does: `tolist`,
// `toset`, `tomap`, parameters typed `list(string)`, and the unification `coalesce` and `tolist`
// perform. The value model has no static types: a `list` value is a tuple, a `map` value an
// object, and references, symbolic values and unknowns are of an unknown ("dynamic") type that
// never constrains a unification and is kept as it is by a conversion.
import { numberText, parseNumber } from './numbers.js';
import { compareStrings } from './text.js';
import { canonical, isSensitive, markSensitive, NULL, str, type Value } from '../value.js';

export type Ty =
  | { k: 'string' | 'number' | 'bool' | 'dynamic' }
  | { k: 'list' | 'set' | 'map'; e: Ty }
  | { k: 'tuple'; es: Ty[] }
  | { k: 'object'; as: Map<string, Ty> };

export const STRING: Ty = { k: 'string' };
export const NUMBER: Ty = { k: 'number' };
export const BOOL: Ty = { k: 'bool' };
export const DYNAMIC: Ty = { k: 'dynamic' };
export const listOf = (e: Ty): Ty => ({ k: 'list', e });
export const setOf = (e: Ty): Ty => ({ k: 'set', e });
export const mapOf = (e: Ty): Ty => ({ k: 'map', e });

/** A conversion Terraform rejects; the message is cty's. */
export class ConversionError extends Error {}

/** Whether the value is known before apply at its top level (its members may not be). */
export function isKnown(v: Value): boolean {
  return v.t !== 'ref' && v.t !== 'symbolic' && v.t !== 'unknown';
}

export function typeOf(v: Value): Ty {
  switch (v.t) {
    case 'string':
    case 'number':
    case 'bool':
      return { k: v.t };
    case 'list':
      return { k: 'tuple', es: v.items.map(typeOf) };
    case 'set':
      return setOf(unify(v.items.map(typeOf)) ?? DYNAMIC);
    case 'map':
      return { k: 'object', as: new Map([...v.entries].map(([k, x]) => [k, typeOf(x)])) };
    default:
      return DYNAMIC;
  }
}

/** cty's FriendlyName, as conversion errors print types. */
export function friendlyName(t: Ty): string {
  switch (t.k) {
    case 'dynamic':
      return 'any single type';
    case 'list':
    case 'set':
    case 'map':
      return `${t.k} of ${friendlyName(t.e)}`;
    default:
      return t.k;
  }
}

const isPrimitive = (t: Ty): boolean => t.k === 'string' || t.k === 'number' || t.k === 'bool';
const isSequence = (t: Ty): boolean => t.k === 'tuple' || t.k === 'list';
const isMapping = (t: Ty): boolean => t.k === 'object' || t.k === 'map';

function elementTypes(t: Ty): Ty[] {
  if (t.k === 'tuple') return t.es;
  if (t.k === 'object') return [...t.as.values()];
  if (t.k === 'list' || t.k === 'set' || t.k === 'map') return [t.e];
  return [];
}

function sameType(a: Ty, b: Ty): boolean {
  if (a.k !== b.k) return false;
  if ('e' in a && 'e' in b) return sameType(a.e, b.e);
  if (a.k === 'tuple' && b.k === 'tuple') return a.es.length === b.es.length && a.es.every((t, i) => sameType(t, b.es[i]!));
  if (a.k === 'object' && b.k === 'object') return a.as.size === b.as.size && [...a.as].every(([k, t]) => b.as.has(k) && sameType(t, b.as.get(k)!));
  return true;
}

/**
 * cty's (unsafe) type unification: the one type all the given types convert to, or null.
 * Mixed primitives unify to string; tuples of one length element-wise, otherwise to a list;
 * objects with the same attributes attribute-wise, otherwise to a map. Unknown types are
 * left out.
 */
export function unify(types: Ty[]): Ty | null {
  const known = types.filter((t) => t.k !== 'dynamic');
  if (known.length === 0) return DYNAMIC;
  const first = known[0]!;
  if (known.every((t) => sameType(t, first))) return first;
  if (known.every(isPrimitive)) return STRING;
  if (known.every((t) => t.k === 'tuple')) {
    const n = (first as { es: Ty[] }).es.length;
    if (known.every((t) => (t as { es: Ty[] }).es.length === n)) {
      const es: Ty[] = [];
      for (let i = 0; i < n; i++) {
        const u = unify(known.map((t) => (t as { es: Ty[] }).es[i]!));
        if (!u) return null;
        es.push(u);
      }
      return { k: 'tuple', es };
    }
  }
  if (known.every(isSequence)) return wrap(listOf, known);
  if (known.every((t) => t.k === 'object')) {
    const keys = [...(first as { as: Map<string, Ty> }).as.keys()].sort().join('\0');
    if (known.every((t) => [...(t as { as: Map<string, Ty> }).as.keys()].sort().join('\0') === keys)) {
      const as = new Map<string, Ty>();
      for (const k of (first as { as: Map<string, Ty> }).as.keys()) {
        const u = unify(known.map((t) => (t as { as: Map<string, Ty> }).as.get(k)!));
        if (!u) return null;
        as.set(k, u);
      }
      return { k: 'object', as };
    }
  }
  if (known.every(isMapping)) return wrap(mapOf, known);
  if (known.every((t) => t.k === 'set' || isSequence(t))) return wrap(setOf, known);
  return null;
}

function wrap(make: (e: Ty) => Ty, types: Ty[]): Ty | null {
  const e = unify(types.flatMap(elementTypes));
  return e && make(e);
}

/**
 * The members of a set in cty's iteration order, duplicates dropped: strings by their UTF-8
 * bytes, numbers numerically, false before true, anything else in a fixed order.
 */
export function setMembers(items: Value[]): Value[] {
  const unique = new Map<string, Value>();
  for (const v of items) if (!unique.has(canonical(v))) unique.set(canonical(v), v);
  const rank = (v: Value): number => (v.t === 'bool' ? 0 : v.t === 'number' ? 1 : v.t === 'string' ? 2 : 3);
  return [...unique.values()].sort((a, b) => {
    if (a.t === 'number' && b.t === 'number') return a.v - b.v;
    if (a.t === 'string' && b.t === 'string') return compareStrings(a.v, b.v);
    if (a.t === 'bool' && b.t === 'bool') return Number(a.v) - Number(b.v);
    return rank(a) - rank(b) || compareStrings(canonical(a), canonical(b));
  });
}

/** A sequence's members in order (a set's in cty's order); null for anything else. */
export function sequenceItems(v: Value): Value[] | null {
  if (v.t === 'list') return v.items;
  if (v.t === 'set') return setMembers(v.items);
  return null;
}

/** cty's conversion of a value to a type (unsafe conversions included), marks kept. */
export function convert(v: Value, want: Ty): Value {
  const out = convertUnmarked(v, want);
  return isSensitive(v) && out !== v ? markSensitive(out) : out;
}

function convertUnmarked(v: Value, want: Ty): Value {
  if (want.k === 'dynamic' || v.t === 'null' || !isKnown(v)) return v;
  const mismatch = (): never => {
    // cty names both types unless that is likely to confuse (MismatchMessage).
    const got = typeOf(v);
    const plain = isPrimitive(got) !== isPrimitive(want) || want.k === 'string' || (isPrimitive(got) && got.k !== 'string');
    throw new ConversionError(plain ? `${friendlyName(want)} required, but have ${friendlyName(got)}` : `${friendlyName(want)} required`);
  };
  switch (want.k) {
    case 'string':
      if (v.t === 'string') return v;
      if (v.t === 'number') return str(numberText(v.v));
      if (v.t === 'bool') return str(String(v.v));
      return mismatch();
    case 'number':
      if (v.t === 'number') return v;
      if (v.t === 'string') {
        const n = parseNumber(v.v);
        if (n === null) throw new ConversionError('a number is required');
        return { t: 'number', v: n };
      }
      return mismatch();
    case 'bool':
      if (v.t === 'bool') return v;
      if (v.t === 'string') {
        if (v.v === 'true' || v.v === '1') return { t: 'bool', v: true };
        if (v.v === 'false' || v.v === '0') return { t: 'bool', v: false };
        const lower = v.v.toLowerCase();
        throw new ConversionError(lower === 'true' || lower === 'false' ? `a bool is required; to convert from string, use lowercase "${lower}"` : 'a bool is required');
      }
      return mismatch();
    case 'list':
    case 'set': {
      const items = sequenceItems(v);
      if (!items) return mismatch();
      const converted = items.map((x) => convert(x, want.e));
      return want.k === 'list' ? { t: 'list', items: converted } : { t: 'set', items: setMembers(converted) };
    }
    case 'map':
      if (v.t !== 'map') return mismatch();
      return { t: 'map', entries: new Map([...v.entries].map(([k, x]) => [k, convert(x, want.e)])) };
    case 'tuple':
      if (v.t !== 'list' || v.items.length !== want.es.length) return mismatch();
      return { t: 'list', items: v.items.map((x, i) => convert(x, want.es[i]!)) };
    case 'object':
      if (v.t !== 'map') return mismatch();
      return { t: 'map', entries: new Map([...want.as].map(([k, t]) => [k, convert(v.entries.get(k) ?? NULL, t)])) };
  }
}

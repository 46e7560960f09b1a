// Terraform's built-in functions. Each row reads `name(args) = result`. Rows marked "docs" take
// their expected value from the examples on developer.hashicorp.com/terraform/language/functions;
// rows marked "cty" or "terraform" from the test tables in zclconf/go-cty (function/stdlib) and
// hashicorp/terraform (internal/lang/funcs).
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, toBoolValue, toNumberValue, toStringValue } from '../../src/render/functions.js';
import { canonical, EvalError, hasUnknown, isSensitive, markSensitive, symbolic, type Value } from '../../src/render/value.js';

// --- Writing values compactly: JavaScript literals for HCL values, helpers for the rest. ------

type Js = string | number | boolean | null | Js[] | { [key: string]: Js } | Value;

const BUILT = new WeakSet<object>();
const built = <T extends Value>(v: T): T => {
  BUILT.add(v);
  return v;
};
const ref = (address: string, ...path: (string | number)[]): Value => built({ t: 'ref', workspace: 'dev', address, path });
const unknownValue = (source: string): Value => built({ t: 'unknown', source });
const set = (...items: Js[]): Value => built({ t: 'set', items: items.map(value) });
const secret = (x: Js): Value => built(markSensitive(value(x)));
/** A template `"<literal>${x}…"` as the evaluator leaves it when a part is not known. */
const template = (...parts: Js[]): Value => built(symbolic('template', parts.map(value)));

function value(x: Js): Value {
  if (x === null) return { t: 'null' };
  if (typeof x === 'string') return { t: 'string', v: x };
  if (typeof x === 'number') return { t: 'number', v: x };
  if (typeof x === 'boolean') return { t: 'bool', v: x };
  if (Array.isArray(x)) return { t: 'list', items: x.map(value) };
  if (BUILT.has(x)) return x as Value;
  return { t: 'map', entries: new Map(Object.entries(x).map(([k, v]) => [k, value(v as Js)])) };
}

const FILES: Record<string, string> = { 'hello.txt': 'Hello, file!\n' };
const call = (name: string, ...args: Js[]): Value => built(FUNCTIONS.get(name)!(args.map(value), { readFile: (path) => FILES[path] ?? null }));

/** An expected EvalError. */
const fails = (message: RegExp): { fails: RegExp } => ({ fails: message });
/** An expected result given as its canonical text (for symbolic results). */
const text = (canonicalText: string): { text: string } => ({ text: canonicalText });

type Expected = Js | { fails: RegExp } | { text: string };
type Row = [name: string, args: Js[], expected: Expected, note?: string];

function check([name, args, expected]: Row): void {
  if (expected !== null && typeof expected === 'object' && 'fails' in expected && expected.fails instanceof RegExp) {
    expect(() => call(name, ...args)).toThrow(EvalError);
    expect(() => call(name, ...args)).toThrow(expected.fails);
    return;
  }
  const got = canonical(call(name, ...args));
  if (expected !== null && typeof expected === 'object' && 'text' in expected && typeof expected.text === 'string') expect(got).toBe(expected.text);
  else expect(got).toBe(canonical(value(expected as Js)));
}

function table(title: string, rows: Row[]): void {
  describe(title, () => {
    for (const row of rows) {
      const [name, args, , note] = row;
      it(`${name}(${args.map((a) => canonical(value(a))).join(', ')})${note ? ` — ${note}` : ''}`, () => check(row));
    }
  });
}

const bucketId = ref('aws_s3_bucket.logs', 'id');
const BUCKET = 'dev:aws_s3_bucket.logs.id';

// --- Collections --------------------------------------------------------------------------------

table('merge', [
  ['merge', [{ a: 'b', c: 'd' }, { e: 'f', c: 'z' }], { a: 'b', c: 'z', e: 'f' }, 'docs'],
  ['merge', [{ a: 'b' }, { a: [1, 2], c: 'z' }, { d: 3 }], { a: [1, 2], c: 'z', d: 3 }, 'docs'],
  ['merge', [{ a: 1 }, null], { a: 1 }, 'null arguments are skipped'],
  ['merge', [], {}],
  ['merge', [{ bucket: bucketId }, { acl: 'private' }], { acl: 'private', bucket: bucketId }, 'values that are refs stay refs'],
  ['merge', [ref('aws_s3_bucket.logs', 'tags'), { a: 1 }], text(`merge(dev:aws_s3_bucket.logs.tags, {"a" = 1})`), 'a map that is a ref'],
  ['merge', [{ a: 1 }, 'x'], fails(/arguments must be maps or objects, got "string"/)],
]);

table('lookup', [
  ['lookup', [{ a: 'ay', b: 'bee' }, 'a', 'what?'], 'ay', 'docs'],
  ['lookup', [{ a: 'ay', b: 'bee' }, 'c', 'what?'], 'what?', 'docs'],
  ['lookup', [{ a: 'ay' }, 'a'], 'ay', 'two arguments'],
  ['lookup', [{ a: bucketId }, 'a'], bucketId, 'a ref value is returned as it is'],
  ['lookup', [{ a: 1 }, bucketId, 0], text(`lookup({"a" = 1}, ${BUCKET}, 0)`), 'the key is not known'],
  ['lookup', [{ a: 'ay' }, 'c'], fails(/Invalid value for "inputMap" parameter: the given object has no attribute "c"/)],
  ['lookup', [['a'], 'a'], fails(/requires a map as the first argument/)],
  ['lookup', [{ a: 1 }, 'a', 1, 2], fails(/lookup\(\) takes two or three arguments, got 4/)],
]);

table('concat', [
  ['concat', [['a', ''], ['b', 'c']], ['a', '', 'b', 'c'], 'docs'],
  ['concat', [[bucketId], ['b']], [bucketId, 'b'], 'refs stay'],
  ['concat', [bucketId, ['b']], text(`concat(${BUCKET}, ["b"])`), 'a list that is a ref'],
  ['concat', [set('a'), ['b']], fails(/all arguments must be lists or tuples; got set of string/)],
  ['concat', [], fails(/at least one argument is required/)],
]);

table('tomap, tolist, toset', [
  ['tomap', [{ a: 1, b: 2 }], { a: 1, b: 2 }, 'docs'],
  ['tomap', [{ a: 'foo', b: true }], { a: 'foo', b: 'true' }, 'docs: mixed primitives unify to string'],
  ['tomap', [null], null],
  ['tomap', [['a']], fails(/cannot convert tuple to map of any single type/)],
  ['tolist', [['a', 'b', 'c']], ['a', 'b', 'c'], 'docs'],
  ['tolist', [['a', 'b', 3]], ['a', 'b', '3'], 'docs'],
  ['tolist', [set('b', 'a')], ['a', 'b'], 'a set converts in its order (strings lexically)'],
  ['tolist', [[1, bucketId]], [1, bucketId], 'refs do not constrain the element type'],
  ['tolist', [[1, [2]]], fails(/cannot convert tuple to list of any single type/)],
  ['tolist', [{ a: 1 }], fails(/cannot convert object to list of any single type/)],
  ['toset', [['a', 'b', 'c']], set('a', 'b', 'c'), 'docs'],
  ['toset', [['a', 'b', 3]], set('3', 'a', 'b'), 'docs'],
  ['toset', [['c', 'b', 'b']], set('b', 'c'), 'docs: duplicates go'],
]);

table('tostring, tonumber, tobool', [
  ['tostring', ['hello'], 'hello', 'docs'],
  ['tostring', [1], '1', 'docs'],
  ['tostring', [true], 'true', 'docs'],
  ['tostring', [null], null, 'docs'],
  ['tostring', [1e21], '1000000000000000000000', 'numbers print without exponent'],
  ['tostring', [0.1], '0.1'],
  ['tostring', [[]], fails(/cannot convert tuple to string/), 'docs'],
  ['tostring', [bucketId], text(`tostring(${BUCKET})`)],
  ['tonumber', [1], 1, 'docs'],
  ['tonumber', ['1'], 1, 'docs'],
  ['tonumber', [null], null, 'docs'],
  ['tonumber', ['1e3'], 1000],
  ['tonumber', ['no'], fails(/cannot convert "no" to number; given string must be a decimal representation of a number/), 'docs'],
  ['tonumber', [' 1'], fails(/cannot convert " 1" to number/)],
  ['tonumber', [true], fails(/cannot convert bool to number/)],
  ['tonumber', [secret('no')], fails(/cannot convert this sensitive string to number/), 'the value stays hidden'],
  ['tobool', [true], true, 'docs'],
  ['tobool', ['true'], true, 'docs'],
  ['tobool', [null], null, 'docs'],
  ['tobool', ['1'], true, 'cty also accepts "1" and "0"'],
  ['tobool', ['no'], fails(/cannot convert "no" to bool; only the strings "true" or "false" are allowed/), 'docs'],
  ['tobool', [1], fails(/cannot convert number to bool/), 'docs'],
]);

table('keys, values', [
  ['keys', [{ a: 1, c: 2, d: 3 }], ['a', 'c', 'd'], 'docs'],
  ['keys', [{ b: 1, B: 2, a: 3 }], ['B', 'a', 'b'], 'sorted by bytes, as Go sorts'],
  ['keys', [{ id: bucketId }], ['id'], 'values that are refs do not matter'],
  ['keys', [bucketId], text(`keys(${BUCKET})`)],
  ['keys', [['a']], fails(/must have map or object type/)],
  ['values', [{ a: 3, c: 2, d: 1 }], [3, 2, 1], 'docs'],
  ['values', [{ b: bucketId, a: 1 }], [1, bucketId]],
  ['values', [['a']], fails(/values\(\) requires a map as the first argument/)],
]);

table('length', [
  ['length', [[]], 0, 'docs'],
  ['length', [['a', 'b']], 2, 'docs'],
  ['length', [{ a: 'b' }], 1, 'docs'],
  ['length', ['hello'], 5, 'docs'],
  ['length', ['👾🕹️'], 2, 'docs: characters, not code units'],
  ['length', ['e\u0301'], 1, 'a combining accent is part of its letter'],
  ['length', [set('a', 'b')], 2],
  ['length', [[bucketId, bucketId]], 2, 'the structure is known'],
  ['length', [bucketId], text(`length(${BUCKET})`)],
  ['length', [5], fails(/argument must be a string, a collection type, or a structural type/)],
  ['length', [null], fails(/argument must not be null/)],
]);

table('contains', [
  ['contains', [['a', 'b', 'c'], 'a'], true, 'docs'],
  ['contains', [['a', 'b', 'c'], 'd'], false, 'docs'],
  ['contains', [[1], '1'], false, 'no conversion: a number is not a string'],
  ['contains', [set('a'), 'a'], true],
  ['contains', [[bucketId, 'a'], 'a'], true, 'found among the known members'],
  ['contains', [[bucketId], 'a'], text(`contains([${BUCKET}], "a")`), 'the ref might equal it'],
  ['contains', [{ a: 1 }, 1], fails(/argument must be list, tuple, or set/)],
]);

table('coalesce, coalescelist', [
  ['coalesce', ['a', 'b'], 'a', 'docs'],
  ['coalesce', ['', 'b'], 'b', 'docs: empty strings are skipped'],
  ['coalesce', [1, 2], 1, 'docs'],
  ['coalesce', [1, 'b'], '1', 'arguments unify to string'],
  ['coalesce', [null, 'x'], 'x'],
  ['coalesce', ['a', bucketId], 'a', 'a known argument comes first'],
  ['coalesce', [bucketId, 'a'], text(`coalesce(${BUCKET}, "a")`), 'the ref may be non-null'],
  ['coalesce', [1, bucketId], text(`coalesce(1, ${BUCKET})`), 'the result is 1 or "1" depending on the ref'],
  ['coalesce', [null, ''], fails(/no non-null, non-empty-string arguments/)],
  ['coalesce', [1, [1]], fails(/all arguments must have the same type/)],
  ['coalescelist', [['a', 'b'], ['c', 'd']], ['a', 'b'], 'docs'],
  ['coalescelist', [[], ['c', 'd']], ['c', 'd'], 'docs'],
  ['coalescelist', [bucketId, ['c']], text(`coalescelist(${BUCKET}, ["c"])`)],
  ['coalescelist', [[], []], fails(/no non-null arguments/)],
  ['coalescelist', ['a'], fails(/coalescelist arguments must be lists or tuples/)],
]);

table('compact', [
  ['compact', [['a', '', 'b', 'c']], ['a', 'b', 'c'], 'docs'],
  ['compact', [['a', null, '']], ['a'], 'nulls go too'],
  ['compact', [[1, '']], ['1'], 'elements convert to strings'],
  ['compact', [['a', bucketId]], text(`compact(["a", ${BUCKET}])`), 'the ref may be empty'],
]);

table('element, slice', [
  ['element', [['a', 'b', 'c'], 1], 'b', 'docs'],
  ['element', [['a', 'b', 'c'], 3], 'a', 'docs: wraps around'],
  ['element', [['a', 'b', 'c'], -1], 'c', 'docs: negative indices count from the end'],
  ['element', [[bucketId, 'b'], 0], bucketId],
  ['element', [['a'], bucketId], text(`element(["a"], ${BUCKET})`), 'the index is not known'],
  ['element', [[], 0], fails(/cannot use element function with an empty list/)],
  ['element', [['a'], 1.5], fails(/invalid index: value must be a whole number/)],
  ['element', [set('a'), 0], fails(/cannot read elements from set of string/)],
  ['slice', [['a', 'b', 'c', 'd'], 1, 3], ['b', 'c'], 'docs'],
  ['slice', [['a', bucketId], 1, 2], [bucketId]],
  ['slice', [['a'], 0, 2], fails(/end index must not be greater than the length of the list/)],
  ['slice', [['a', 'b'], 2, 1], fails(/start index must not be greater than end index/)],
  ['slice', [set('a'), 0, 1], fails(/cannot slice a set/)],
]);

table('flatten, distinct, reverse, sort', [
  ['flatten', [[['a', 'b'], [], ['c']]], ['a', 'b', 'c'], 'docs'],
  ['flatten', [[[['a', 'b'], []], ['c']]], ['a', 'b', 'c'], 'docs: any depth'],
  ['flatten', [[['a', null], set('c', 'b')]], ['a', null, 'b', 'c'], 'nulls stay; sets flatten in their order'],
  ['flatten', [[[bucketId], ['b']]], [bucketId, 'b'], 'a ref is a single value'],
  ['flatten', [[unknownValue('var.subnets'), ['b']]], text('flatten([(unknown: var.subnets), ["b"]])'), 'an unknown may itself be a list'],
  ['flatten', ['a'], fails(/can only flatten lists, sets and tuples/)],
  ['distinct', [['a', 'b', 'a', 'c', 'd', 'b']], ['a', 'b', 'c', 'd'], 'docs: first occurrences, in order'],
  ['distinct', [[1, '1']], ['1'], 'elements unify first'],
  ['distinct', [['a', bucketId]], text(`distinct(["a", ${BUCKET}])`)],
  ['reverse', [[1, 2, 3]], [3, 2, 1], 'docs'],
  ['reverse', [set('b', 'a')], ['b', 'a']],
  ['reverse', [{ a: 1 }], fails(/can only reverse list or tuple values, not object/)],
  ['sort', [['e', 'd', 'a', 'x']], ['a', 'd', 'e', 'x'], 'docs'],
  ['sort', [[10, 9, 'B', 'a']], ['10', '9', 'B', 'a'], 'strings, compared by bytes'],
  ['sort', [['a', bucketId]], text(`sort(["a", ${BUCKET}])`)],
  ['sort', [['a', null]], fails(/given list element 1 is null/)],
]);

table('range', [
  ['range', [3], [0, 1, 2], 'docs'],
  ['range', [1, 4], [1, 2, 3], 'docs'],
  ['range', [1, 8, 2], [1, 3, 5, 7], 'docs'],
  ['range', [1, 4, 0.5], [1, 1.5, 2, 2.5, 3, 3.5], 'docs'],
  ['range', [4, 1], [4, 3, 2], 'docs'],
  ['range', [10, 5, -2], [10, 8, 6], 'docs'],
  ['range', [0, 0.3, 0.1], [0, 0.1, 0.2], 'decimal steps stay decimal'],
  ['range', [0], []],
  ['range', [1, 2, 0], fails(/step must not be zero/)],
  ['range', [5, 1, 1], fails(/end must be greater than start when step is positive/)],
  ['range', [2000], fails(/more than 1024 values were generated/)],
]);

table('zipmap, one', [
  ['zipmap', [['a', 'b'], [1, 2]], { a: 1, b: 2 }, 'docs'],
  ['zipmap', [['a'], [bucketId]], { a: bucketId }],
  ['zipmap', [[bucketId], [1]], text(`zipmap([${BUCKET}], [1])`), 'keys must be known'],
  ['zipmap', [['a', 'b'], [1]], fails(/number of keys \(2\) does not match number of values \(1\)/)],
  ['one', [[]], null, 'docs'],
  ['one', [['hello']], 'hello', 'docs'],
  ['one', [set()], null, 'docs'],
  ['one', [set('hello')], 'hello', 'docs'],
  ['one', [set('hello', 'hello')], 'hello', 'docs: a set holds one of each'],
  ['one', [[bucketId]], bucketId],
  ['one', [['hello', 'goodbye']], fails(/must be a list, set, or tuple value with either zero or one elements/), 'docs'],
]);

table('sum, min, max, abs, ceil, floor', [
  ['sum', [[10, 13, 6, 4.5]], 33.5, 'docs'],
  ['sum', [['1', 2]], 3, 'strings convert'],
  ['sum', [[1, bucketId]], text(`sum([1, ${BUCKET}])`)],
  ['sum', [[]], fails(/cannot sum an empty list/)],
  ['sum', [{ a: 1 }], fails(/argument must be list, set, or tuple. Received object/)],
  ['sum', [['a']], fails(/argument must be list, set, or tuple of number values/)],
  ['min', [12, 54, 3], 3, 'docs'],
  ['min', ['5', 3], 3],
  ['max', [12, 54, 3], 54, 'docs'],
  ['min', [], fails(/must pass at least one number/)],
  ['abs', [23], 23, 'docs'],
  ['abs', [0], 0, 'docs'],
  ['abs', [-12.4], 12.4, 'docs'],
  ['ceil', [5], 5, 'docs'],
  ['ceil', [5.1], 6, 'docs'],
  ['floor', [5], 5, 'docs'],
  ['floor', [4.9], 4, 'docs'],
  ['abs', ['x'], fails(/Invalid value for "num" parameter: a number is required/)],
]);

// --- Strings ------------------------------------------------------------------------------------

table('format', [
  ['format', ['Hello, %s!', 'Ander'], 'Hello, Ander!', 'docs'],
  ['format', ['There are %d lights', 4], 'There are 4 lights', 'docs'],
  ['format', ['%#v', 'hello'], '"hello"', 'docs'],
  ['format', ['%#v', true], 'true', 'docs'],
  ['format', ['%#v', 1], '1', 'docs'],
  ['format', ['%#v', { a: 1 }], '{"a":1}', 'docs'],
  ['format', ['%#v', [true]], '[true]', 'docs'],
  ['format', ['%#v', null], 'null', 'docs'],
  ['format', ['%5.2f', 3.14159], ' 3.14'],
  ['format', ['%-8.3f|', 2.5], '2.500   |'],
  ['format', ['%.2f %.2f %.2f', 2.675, 1.005, 0.125], '2.67 1.00 0.12', "rounds cty's 512-bit value, ties to even"],
  ['format', ['%.0f %.0f %.0f', 0.5, 1.5, 2.5], '0 2 2'],
  ['format', ['%f', 10], '10.000000', 'cty'],
  ['format', ['%e', 1000], '1.000000e+03', 'cty'],
  ['format', ['%g %G', 1000, '0.00000000000000000000001'], '1000 1E-23', 'cty'],
  ['format', ['%.3g', 3.14159], '3.14'],
  ['format', ['%v %v', 1000000, 123456], '1e+06 123456', '%v prints numbers like Go %g'],
  ['format', ['%5d|%-5d|%05d|%+d|% d', 42, 42, 42, 42, 42], '   42|42   |00042|+42| 42'],
  ['format', ['%b %o %x %X %#x', 5, 9, 254, 254, 254], '101 11 fe FE 0xfe', 'cty'],
  ['format', ['%10s|%-10s|%.2s', 'hello', 'hello', 'hello'], '     hello|hello     |he', 'cty'],
  ['format', ['%4s|', '💃🏿'], '   💃🏿|', 'cty: width counts characters'],
  ['format', ['%q', 'Hello\nWorld'], '"Hello\\nWorld"', 'cty'],
  ['format', ['%t %s', 'true', false], 'true false'],
  ['format', ['%[2]s %[1]s %s', 'a', 'b'], 'b a b', 'explicit argument indexes'],
  ['format', ['100%%'], '100%', 'cty'],
  ['format', ['id-%s', bucketId], text(`format("id-%s", ${BUCKET})`)],
  ['format', ['%d', 1.5], fails(/unsupported value for "%d" at 0: an integer is required/)],
  ['format', ['%d', true], fails(/unsupported value for "%d" at 0: number required, but have bool/), 'cty'],
  ['format', ['%s', null], fails(/unsupported value for "%s" at 0: null value cannot be formatted/), 'cty'],
  ['format', ['%s is not in the args list'], fails(/not enough arguments for "%s" at 0: need index 1 but have 0 total/), 'cty'],
  ['format', ['%s', 'a', 'b'], fails(/too many arguments; only 1 used by format string/)],
  ['format', ['%z', 10], fails(/unsupported format verb 'z' in "%z" at offset 0/), 'cty'],
  ['format', ['%[0]s', true], fails(/unrecognized format character '0' at offset 2/), 'cty'],
  ['format', ['50%'], fails(/invalid format string starting at offset 3/)],
]);

table('formatlist', [
  ['formatlist', ['Hello, %s!', ['Valentina', 'Ander', 'Olivia', 'Sam']], ['Hello, Valentina!', 'Hello, Ander!', 'Hello, Olivia!', 'Hello, Sam!'], 'docs'],
  ['formatlist', ['%s, %s!', 'Salutations', ['Valentina', 'Ander', 'Olivia', 'Sam']], ['Salutations, Valentina!', 'Salutations, Ander!', 'Salutations, Olivia!', 'Salutations, Sam!'], 'docs'],
  ['formatlist', ['%s=%s', ['a', 'b'], set(2, 1)], ['a=1', 'b=2']],
  ['formatlist', ['id-%s', ['a', bucketId]], ['id-a', built(symbolic('format', [value('id-%s'), bucketId]))], 'only the item that is not known is symbolic'],
  ['formatlist', ['%s', []], []],
  ['formatlist', ['%s%s', ['a'], ['b', 'c']], fails(/argument 2 has length 2, which is inconsistent with argument 1 of length 1/)],
]);

table('join, split', [
  ['join', ['-', ['foo', 'bar', 'baz']], 'foo-bar-baz', 'docs'],
  ['join', [', ', ['foo']], 'foo', 'docs'],
  ['join', [',', [1, true]], '1,true', 'elements convert to strings'],
  ['join', [',', ['a'], set('c', 'b')], 'a,b,c', 'several lists'],
  ['join', [',', ['a', bucketId]], text(`join(",", ["a", ${BUCKET}])`)],
  ['join', [',', ['a', null]], fails(/element 1 is null; cannot concatenate null values/)],
  ['join', [','], fails(/at least one list is required/)],
  ['split', [',', 'foo,bar,baz'], ['foo', 'bar', 'baz'], 'docs'],
  ['split', [',', 'foo'], ['foo'], 'docs'],
  ['split', [',', ''], [''], 'docs: one empty string, not an empty list'],
  ['split', ['', 'a🤔b'], ['a', '🤔', 'b'], 'an empty separator splits into code points'],
]);

table('case and trimming', [
  ['lower', ['HELLO'], 'hello', 'docs'],
  ['lower', ['АЛЛО!'], 'алло!', 'docs'],
  ['upper', ['hello'], 'HELLO', 'docs'],
  ['upper', ['алло!'], 'АЛЛО!', 'docs'],
  ['upper', ['straße'], 'STRAßE', "Go's one-to-one case mapping"],
  ['upper', [1], '1', 'the argument converts to string'],
  ['upper', [bucketId], text(`upper(${BUCKET})`)],
  ['upper', [['a']], fails(/upper: Invalid value for "str" parameter: string required, but have tuple/)],
  ['upper', [null], fails(/argument must not be null/)],
  ['upper', [], fails(/Not enough function arguments/)],
  ['upper', ['a', 'b'], fails(/Too many function arguments/)],
  ['title', ['hello world'], 'Hello World', 'docs'],
  ['title', ["o'neil mc_donald"], "O'Neil Mc_donald", 'Go: punctuation starts a word, underscore does not'],
  ['trimspace', ['  hello\n\n'], 'hello', 'docs'],
  ['trimspace', ['\u00a0x\u00a0'], 'x', 'Unicode white space'],
  ['trim', ['?!hello?!', '!?'], 'hello', 'docs'],
  ['trim', ['foobar', 'far'], 'oob', 'docs'],
  ['trim', ['   hello! world.!  ', '! '], 'hello! world.', 'docs'],
  ['trimprefix', ['helloworld', 'hello'], 'world', 'docs'],
  ['trimprefix', ['helloworld', 'cat'], 'helloworld', 'docs'],
  ['trimsuffix', ['helloworld', 'world'], 'hello', 'docs'],
  ['trimsuffix', ['helloworld', 'cat'], 'helloworld', 'docs'],
]);

table('replace', [
  ['replace', ['1 + 2 + 3', '+', '-'], '1 - 2 - 3', 'docs'],
  ['replace', ['hello world', '/w.*d/', 'everybody'], 'hello everybody', 'docs'],
  ['replace', ['hello world', '/(\\w+) (\\w+)/', '$2 $1'], 'world hello', '$n refers to a group'],
  ['replace', ['abc', '/(?P<mid>b)/', '[${mid}]'], 'a[b]c', 'named groups'],
  ['replace', ['abc', '/(b)/', '$1x'], 'ac', 'Go reads $1x as the (missing) group "1x"'],
  ['replace', ['abc', '/(b)/', '${1}x'], 'abxc'],
  ['replace', ['abc', '/b/', '$$'], 'a$c'],
  ['replace', ['baaac', '/a*/', '-'], '-b-c-', 'Go skips an empty match right after a match'],
  ['replace', ['Hello! #123', '/[^a-zA-Z0-9]/', ''], 'Hello123'],
  ['replace', ['a\u00a0b c', '/\\s/', '_'], 'a\u00a0b_c', "Go's \\s is ASCII white space"],
  ['replace', ['Hello', '/(?i)h/', 'j'], 'jello'],
  ['replace', ['a.b', '/[[:punct:]]/', '-'], 'a-b', 'POSIX classes'],
  ['replace', ['aXb', '/\\x{58}/', '-'], 'a-b'],
  ['replace', ['x', '/(?i:x)/', 'y'], text('replace("x", "/(?i:x)/", "y")'), 'syntax not translated is left symbolic'],
  ['replace', ['x', '/(/', ''], fails(/error parsing regexp/)],
  ['replace', ['x', '/x(?=y)/', ''], fails(/invalid or unsupported Perl syntax/), 'RE2 has no lookahead'],
  ['replace', ['x', '/(x)\\1/', ''], fails(/invalid escape sequence/), 'RE2 has no backreferences'],
]);

table('substr, startswith, endswith', [
  ['substr', ['hello world', 1, 4], 'ello', 'docs'],
  ['substr', ['🤔🤷', 0, 1], '🤔', 'docs'],
  ['substr', ['hello world', -5, -1], 'world', 'docs'],
  ['substr', ['hello world', 6, 10], 'world', 'docs'],
  ['substr', ['hello', 10, 2], ''],
  ['substr', ['hello', -1, 0], 'o', 'cty: with a negative offset, length 0 takes the rest'],
  ['substr', ['hello', 1.5, 1], fails(/value must be a whole number/)],
  ['startswith', ['hello world', 'hello'], true, 'docs'],
  ['startswith', ['hello world', 'world'], false, 'docs'],
  ['startswith', [template('arn:aws:s3:::', bucketId), 'arn:'], true, "a template's literal start is known"],
  ['startswith', [template('arn:', bucketId), 'xyz'], false],
  ['startswith', [template('ab', bucketId), 'ab'], text(`startswith(template("ab", ${BUCKET}), "ab")`), 'a letter may combine with what follows'],
  ['startswith', [bucketId, ''], true, 'every string starts with ""'],
  ['startswith', [bucketId, 'a'], text(`startswith(${BUCKET}, "a")`)],
  ['endswith', ['hello world', 'world'], true, 'docs'],
  ['endswith', ['hello world', 'hello'], false, 'docs'],
]);

// --- Encoding, hashing, networking, files -------------------------------------------------------

table('jsonencode, jsondecode', [
  ['jsonencode', [{ hello: 'world' }], '{"hello":"world"}', 'docs'],
  ['jsonencode', [{ b: 1, a: ['<x>', '&', 1.5, true, null] }], '{"a":["\\u003cx\\u003e","\\u0026",1.5,true,null],"b":1}', 'docs: keys sorted, <>& escaped'],
  ['jsonencode', ['a\nb\u0001\u2028\b'], '"a\\nb\\u0001\\u2028\\b"', "Go's escapes"],
  ['jsonencode', [set('b', 'a')], '["a","b"]'],
  ['jsonencode', [1e21], '1000000000000000000000'],
  ['jsonencode', [null], 'null'],
  ['jsonencode', [{ bucket: bucketId }], text(`jsonencode({"bucket" = ${BUCKET}})`)],
  ['jsondecode', ['{"hello": "world"}'], { hello: 'world' }, 'docs'],
  ['jsondecode', ['true'], true, 'docs'],
  ['jsondecode', ['[1, "a", null, {"b": [] }]'], [1, 'a', null, { b: [] }]],
  ['jsondecode', ['{"a":1,"a":2}'], { a: 2 }, 'a repeated property of one type: the last wins'],
  ['jsondecode', ['{"a":1,"a":"x"}'], fails(/duplicate "a" property in JSON object/)],
  ['jsondecode', ['1 2'], fails(/extraneous data after JSON object/)],
  ['jsondecode', ['{'], fails(/unexpected end of JSON input/)],
  ['jsondecode', ["{'a': 1}"], fails(/invalid character/)],
]);

table('base64, hashes', [
  ['base64encode', ['Hello World'], 'SGVsbG8gV29ybGQ=', 'docs'],
  ['base64decode', ['SGVsbG8gV29ybGQ='], 'Hello World', 'docs'],
  ['base64decode', ['SGVsbG8'], fails(/failed to decode base64 data "SGVsbG8"/), 'padding is required'],
  ['base64decode', ['/w=='], fails(/not valid UTF-8/)],
  ['base64decode', [secret('!!')], fails(/failed to decode base64 data \(sensitive value\)/)],
  ['md5', ['hello world'], '5eb63bbbe01eeed093cb22bb8f5acdc3', 'docs'],
  ['sha1', ['hello world'], '2aae6c35c94fcfb415dbe95f408b9ce91ee846ed', 'docs'],
  ['sha256', ['hello world'], 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9', 'docs'],
]);

table('cidrsubnet, cidrhost, cidrnetmask', [
  ['cidrsubnet', ['172.16.0.0/12', 4, 2], '172.18.0.0/16', 'docs'],
  ['cidrsubnet', ['10.1.2.0/24', 4, 15], '10.1.2.240/28', 'docs'],
  ['cidrsubnet', ['fd00:fd12:3456:7890::/56', 16, 162], 'fd00:fd12:3456:7800:a200::/72', 'docs'],
  ['cidrsubnet', ['192.168.2.0/20', 4, 6], '192.168.6.0/24', 'terraform'],
  ['cidrsubnet', ['fe80::/48', 16, 6], 'fe80:0:0:6::/64', 'terraform'],
  ['cidrsubnet', ['fe80::/48', 33, 6], 'fe80::3:0:0:0/81', 'terraform'],
  ['cidrsubnet', ['::ffff:192.168.0.0/112', 8, 6], '192.168.6.0/24', 'terraform: IPv4-mapped addresses print as IPv4'],
  ['cidrsubnet', ['010.001.0.0/24', 4, 1], '10.1.0.16/28', 'terraform: leading zeros are decimal'],
  ['cidrsubnet', ['192.168.0.0/30', 4, 6], fails(/insufficient address space to extend prefix of 30 by 4/), 'terraform'],
  ['cidrsubnet', ['10.0.0.0/16', -1, 1], '10.2.0.0/15', 'go-cidr accepts negative newbits and shortens the prefix'],
  ['cidrsubnet', ['10.0.0.0/8', 2, 16], fails(/prefix extension of 2 does not accommodate a subnet numbered 16/)],
  ['cidrsubnet', ['not-a-cidr', 4, 6], fails(/invalid CIDR expression: invalid CIDR address: not-a-cidr/), 'terraform'],
  ['cidrsubnet', ['10.256.0.0/8', 4, 6], fails(/invalid CIDR expression/), 'terraform'],
  ['cidrsubnet', ['10.0.0.0/8', 2 / 3, 1], fails(/value must be a whole number/), 'terraform'],
  ['cidrhost', ['10.12.112.0/20', 16], '10.12.112.16', 'docs'],
  ['cidrhost', ['10.12.112.0/20', 268], '10.12.113.12', 'docs'],
  ['cidrhost', ['fd00:fd12:3456:7890:00a2::/72', 34], 'fd00:fd12:3456:7890::22', 'docs'],
  ['cidrhost', ['192.168.1.0/24', -5], '192.168.1.251', 'terraform: negative numbers count from the end'],
  ['cidrhost', ['192.168.1.0/24', -256], '192.168.1.0', 'terraform'],
  ['cidrhost', ['010.001.0.0/24', 6], '10.1.0.6', 'terraform'],
  ['cidrhost', ['192.168.1.0/30', 255], fails(/prefix of 30 does not accommodate a host numbered 255/), 'terraform'],
  ['cidrnetmask', ['172.16.0.0/12'], '255.240.0.0', 'docs'],
  ['cidrnetmask', ['0.0.0.0/0'], '0.0.0.0', 'terraform'],
  ['cidrnetmask', ['1::/64'], fails(/IPv6 addresses cannot have a netmask: 1::\/64/), 'terraform'],
]);

table('file', [
  ['file', ['hello.txt'], 'Hello, file!\n'],
  ['file', [bucketId], text(`file(${BUCKET})`)],
  ['file', ['missing.txt'], fails(/Invalid value for "path" parameter: no file exists at "missing.txt"/)],
]);

// --- Values not known before apply, and sensitivity ------------------------------------------

describe('values not known before apply', () => {
  it('a call that needs a ref gives `name(args)`, free of unknowns', () => {
    const v = call('upper', bucketId);
    expect(v).toMatchObject({ t: 'symbolic', op: 'upper' });
    expect(canonical(v)).toBe(`upper(${BUCKET})`);
    expect(hasUnknown(v)).toBe(false);
  });

  it('a call that needs an evaluator gap carries the gap', () => {
    const v = call('upper', unknownValue('var.name'));
    expect(canonical(v)).toBe('upper((unknown: var.name))');
    expect(hasUnknown(v)).toBe(true);
  });

  it('symbolic results compose: the same refs give the same text', () => {
    const a = call('join', '-', [call('upper', bucketId), 'x']);
    const b = call('join', '-', [call('upper', ref('aws_s3_bucket.logs', 'id')), 'x']);
    expect(canonical(a)).toBe(canonical(b));
    expect(canonical(a)).toBe(`join("-", [upper(${BUCKET}), "x"])`);
  });
});

describe('sensitivity', () => {
  const sensitive = (v: Value): boolean => isSensitive(v);

  it('a sensitive argument makes the result sensitive', () => {
    const v = call('upper', secret('hunter2'));
    expect(canonical(v)).toBe('"HUNTER2"');
    expect(sensitive(v)).toBe(true);
    expect(sensitive(call('md5', secret('x')))).toBe(true);
    expect(sensitive(call('upper', secret(bucketId)))).toBe(true);
  });

  it('a sensitive member reaches the result of a function that reads members', () => {
    expect(sensitive(call('join', ',', ['a', secret('b')]))).toBe(true);
    expect(sensitive(call('jsonencode', { password: secret('p') }))).toBe(true);
    expect(sensitive(call('format', '%v', [secret(1)]))).toBe(true);
  });

  it('functions over structure keep marks where they are', () => {
    expect(sensitive(call('length', [secret('a')]))).toBe(false);
    expect(sensitive(call('length', secret(['a'])))).toBe(true);
    const merged = call('merge', { a: secret('x') }, { b: 1 });
    expect(sensitive(merged)).toBe(false);
    expect(sensitive((merged as Extract<Value, { t: 'map' }>).entries.get('a')!)).toBe(true);
    expect(sensitive(call('merge', secret({ a: 1 })))).toBe(true);
    expect(sensitive(call('lookup', { a: secret('x'), b: 'y' }, 'a'))).toBe(true);
    expect(sensitive(call('lookup', { a: secret('x'), b: 'y' }, 'b'))).toBe(false);
    expect(sensitive(call('element', secret(['a']), 0))).toBe(true);
    expect(sensitive(call('keys', { a: secret('x') }))).toBe(false);
  });
});

// --- Conversions the evaluator shares -----------------------------------------------------------

describe('toStringValue, toNumberValue, toBoolValue', () => {
  it('convert as Terraform does', () => {
    expect(toStringValue(value(1.5))).toEqual(value('1.5'));
    expect(toStringValue(value(true))).toEqual(value('true'));
    expect(toStringValue(value(-0.000001))).toEqual(value('-0.000001'));
    expect(toNumberValue(value('12'))).toEqual(value(12));
    expect(toBoolValue(value('false'))).toEqual(value(false));
  });

  it('leave what is not known as it is', () => {
    expect(toStringValue(bucketId)).toBe(bucketId);
    expect(toNumberValue(unknownValue('var.n'))).toEqual(unknownValue('var.n'));
  });

  it('keep sensitivity', () => {
    expect(isSensitive(toStringValue(secret(1)))).toBe(true);
  });

  it('reject what Terraform rejects', () => {
    expect(() => toStringValue(value(null))).toThrow(EvalError);
    expect(() => toStringValue(value(['a']))).toThrow(/string required, but have tuple/);
    expect(() => toNumberValue(value('x'))).toThrow(/a number is required/);
    expect(() => toNumberValue(value(true))).toThrow(/number required, but have bool/);
    expect(() => toBoolValue(value('yes'))).toThrow(/a bool is required/);
    expect(() => toBoolValue(value('TRUE'))).toThrow(/use lowercase "true"/);
  });
});

describe('FUNCTIONS', () => {
  it('holds every function the evaluator needs', () => {
    const names =
      'merge lookup concat tomap tolist toset tostring tonumber tobool keys values length contains coalesce coalescelist compact format formatlist join split lower upper title trimspace trim trimprefix trimsuffix replace substr startswith endswith element slice flatten distinct reverse sort range zipmap one sum min max abs ceil floor jsonencode jsondecode base64encode base64decode md5 sha1 sha256 cidrsubnet cidrhost cidrnetmask file';
    expect([...FUNCTIONS.keys()].sort()).toEqual(names.split(' ').sort());
  });
});

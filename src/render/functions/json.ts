// JSON as Terraform writes and reads it: cty's json.Marshal (compact, object keys in byte
// order, numbers in their shortest decimal form, strings escaped by Go's encoding/json with
// its HTML-safe escapes) and a decoder as strict as Go's.
import { numberText } from './numbers.js';
import { compareStrings, nfc } from './text.js';
import { setMembers } from './types.js';
import { EvalError, list, map, NULL, num, str, type Value } from '../value.js';

/** Go's encoding/json string encoding (escapeHTML on, as json.Marshal has it). */
export function jsonString(s: string): string {
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (c === '"' || c === '\\') out += `\\${c}`;
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (c === '\b') out += '\\b';
    else if (c === '\f') out += '\\f';
    else if (cp < 0x20 || c === '<' || c === '>' || c === '&' || cp === 0x2028 || cp === 0x2029) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd'; // a lone surrogate is invalid UTF-8 to Go
    else out += c;
  }
  return `${out}"`;
}

/** The JSON text of a wholly known value; null when some part of it is not known. */
export function encodeJson(v: Value): string | null {
  switch (v.t) {
    case 'null':
      return 'null';
    case 'string':
      return jsonString(v.v);
    case 'number':
      if (!Number.isFinite(v.v)) throw new EvalError('cannot serialize infinity as JSON');
      return numberText(v.v);
    case 'bool':
      return String(v.v);
    case 'list':
    case 'set': {
      const parts = (v.t === 'set' ? setMembers(v.items) : v.items).map(encodeJson);
      return parts.includes(null) ? null : `[${parts.join(',')}]`;
    }
    case 'map': {
      const parts = [...v.entries.keys()].sort(compareStrings).map((k) => {
        const inner = encodeJson(v.entries.get(k)!);
        return inner === null ? null : `${jsonString(k)}:${inner}`;
      });
      return parts.includes(null) ? null : `{${parts.join(',')}}`;
    }
    default:
      return null;
  }
}

/**
 * cty's JSON decoding (jsondecode): objects become objects, arrays tuples. Like Go's decoder,
 * a repeated property is rejected only when its values differ in type, and after the value
 * nothing but whitespace may follow (a closing bracket slips through, as in Go).
 */
export function decodeJson(text: string): Value {
  const p = new JsonParser(text);
  p.space();
  if (p.atEnd()) throw new EvalError('unexpected end of JSON input');
  const v = p.value();
  p.space();
  if (!p.atEnd() && text[p.pos] !== ']' && text[p.pos] !== '}') throw new EvalError('extraneous data after JSON object');
  return v;
}

class JsonParser {
  pos = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  space(): void {
    while (/[ \t\n\r]/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  private fail(what: string): never {
    if (this.atEnd()) throw new EvalError('unexpected end of JSON input');
    throw new EvalError(`invalid character ${JSON.stringify(this.text[this.pos])} ${what}`);
  }

  value(): Value {
    const c = this.text[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return str(this.string());
    for (const [word, v] of [['true', { t: 'bool', v: true }], ['false', { t: 'bool', v: false }], ['null', NULL]] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return v;
      }
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (!m) return this.fail('looking for beginning of value');
    this.pos += m[0].length;
    return num(Number(m[0]));
  }

  private object(): Value {
    this.pos++;
    const entries = new Map<string, Value>();
    this.space();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return map(entries);
    }
    for (;;) {
      this.space();
      if (this.text[this.pos] !== '"') this.fail('looking for beginning of object key string');
      const key = nfc(this.string());
      this.space();
      if (this.text[this.pos] !== ':') this.fail('after object key');
      this.pos++;
      this.space();
      const v = this.value();
      const before = entries.get(key);
      if (before && impliedType(before) !== impliedType(v)) throw new EvalError(`duplicate ${JSON.stringify(key)} property in JSON object`);
      entries.set(key, v);
      this.space();
      if (this.text[this.pos] === ',') {
        this.pos++;
        continue;
      }
      if (this.text[this.pos] === '}') {
        this.pos++;
        return map(entries);
      }
      this.fail('after object key:value pair');
    }
  }

  private array(): Value {
    this.pos++;
    const items: Value[] = [];
    this.space();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return list(items);
    }
    for (;;) {
      this.space();
      items.push(this.value());
      this.space();
      if (this.text[this.pos] === ',') {
        this.pos++;
        continue;
      }
      if (this.text[this.pos] === ']') {
        this.pos++;
        return list(items);
      }
      this.fail('after array element');
    }
  }

  private string(): string {
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) return this.fail('in string literal');
      if (c === '"') {
        this.pos++;
        // Go's decoder turns an unpaired surrogate escape into U+FFFD.
        return nfc(out.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
      }
      if (c < ' ') this.fail('in string literal');
      if (c !== '\\') {
        out += c;
        this.pos++;
        continue;
      }
      const e = this.text[this.pos + 1];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e !== undefined && e in simple) {
        out += simple[e];
        this.pos += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
        out += String.fromCharCode(parseInt(this.text.slice(this.pos + 2, this.pos + 6), 16));
        this.pos += 6;
      } else {
        this.pos++;
        this.fail('in string escape code');
      }
    }
  }
}

/** cty's implied type of decoded JSON, as text; null is of the dynamic type. */
function impliedType(v: Value): string {
  switch (v.t) {
    case 'list':
      return `[${v.items.map(impliedType).join(',')}]`;
    case 'map':
      return `{${[...v.entries.keys()].sort().map((k) => `${k}:${impliedType(v.entries.get(k)!)}`).join(',')}}`;
    case 'null':
      return 'dynamic';
    default:
      return v.t;
  }
}

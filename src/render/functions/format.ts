// cty's `format` verbs (stdlib/format.go and the format_fsm.rl scanner): %% %v %#v %t %b %d
// %o %x %X %e %E %f %g %G %s %q with flags, width, precision and [n] argument indexes. Widths
// and string precisions count grapheme clusters; numbers are printed as Go's math/big does.
import { encodeJson, jsonString } from './json.js';
import { formatFloat, formatInteger, numberTextG, type VerbFlags } from './numbers.js';
import { byteLength, graphemes } from './text.js';
import { BOOL, ConversionError, convert, NUMBER, STRING, type Ty } from './types.js';
import { EvalError, type Value } from '../value.js';

interface Verb extends VerbFlags {
  raw: string;
  /** Byte offset of the verb's `%`. */
  offset: number;
  argNum: number;
  mode: string;
}

/** Applies a format string to wholly known arguments; EvalError with cty's message otherwise. */
export function formatValues(format: string, args: Value[]): string {
  let out = '';
  let nextArg = 1;
  let highest = 0;
  let i = 0;
  const at = (k: number): number => byteLength(format.slice(0, k));
  const badChar = (k: number): never => {
    if (k >= format.length) throw new EvalError(`invalid format string starting at offset ${at(format.length)}`);
    throw new EvalError(`unrecognized format character '${String.fromCodePoint(format.codePointAt(k)!)}' at offset ${at(k)}`);
  };
  const digits = (): number => {
    let n = 0;
    while (/[0-9]/.test(format[i] ?? '')) n = n * 10 + Number(format[i++]);
    return n;
  };
  while (i < format.length) {
    if (format[i] !== '%') {
      out += format[i++];
      continue;
    }
    if (format[i + 1] === '%') {
      out += '%';
      i += 2;
      continue;
    }
    const start = i++;
    const verb: Verb = { raw: '', offset: at(start), argNum: nextArg, mode: '', plus: false, minus: false, space: false, zero: false, sharp: false, width: -1, prec: -1 };
    for (let c = format[i]; c !== undefined && '0#-+ '.includes(c); c = format[++i]) {
      if (c === '0') verb.zero = true;
      else if (c === '#') verb.sharp = true;
      else if (c === '-') verb.minus = true;
      else if (c === '+') verb.plus = true;
      else verb.space = true;
    }
    if (/[1-9]/.test(format[i] ?? '')) verb.width = digits();
    if (format[i] === '.') {
      i++;
      verb.prec = digits();
    }
    if (format[i] === '[') {
      i++;
      if (!/[1-9]/.test(format[i] ?? '')) badChar(i);
      verb.argNum = digits();
      if (format[i] !== ']') badChar(i);
      i++;
    }
    if (!/[A-Za-z]/.test(format[i] ?? '')) badChar(i);
    verb.mode = format[i++]!;
    verb.raw = format.slice(start, i);
    highest = Math.max(highest, verb.argNum);
    out += formatVerb(verb, args);
    nextArg = verb.argNum + 1;
  }
  if (highest < args.length) {
    throw new EvalError(highest === 0 ? 'too many arguments; no verbs in format string' : `too many arguments; only ${highest} used by format string`);
  }
  return out;
}

function formatVerb(verb: Verb, args: Value[]): string {
  const arg = args[verb.argNum - 1];
  const where = `${JSON.stringify(verb.raw)} at ${verb.offset}`;
  if (arg === undefined) throw new EvalError(`not enough arguments for ${where}: need index ${verb.argNum} but have ${args.length} total`);
  if (verb.mode !== 'v' && arg.t === 'null') throw new EvalError(`unsupported value for ${where}: null value cannot be formatted`);
  const as = (want: Ty): Value => {
    try {
      return convert(arg, want);
    } catch (e) {
      if (e instanceof ConversionError) throw new EvalError(`unsupported value for ${where}: ${e.message}`);
      throw e;
    }
  };
  // The argument is known and not null, so a conversion gives a value of the wanted type.
  const asNumber = (): number => (as(NUMBER) as { v: number }).v;
  const asString = (): string => (as(STRING) as { v: string }).v;
  const asBool = (): boolean => (as(BOOL) as { v: boolean }).v;
  switch (verb.mode) {
    case 'v': {
      if (!verb.sharp && arg.t === 'string') return pad(verb, arg.v);
      if (!verb.sharp && arg.t === 'number') return pad(verb, numberTextG(arg.v));
      return pad(verb, encodeJson(arg) ?? '');
    }
    case 't':
      return String(asBool());
    case 'b':
    case 'd':
    case 'o':
    case 'x':
    case 'X': {
      const n = asNumber();
      if (!Number.isInteger(n)) throw new EvalError(`unsupported value for ${where}: an integer is required`);
      return formatInteger(BigInt(n), verb.mode, verb);
    }
    case 'e':
    case 'E':
    case 'f':
    case 'g':
    case 'G':
      return formatFloat(asNumber(), verb.mode, verb);
    case 's':
    case 'q': {
      let s = asString();
      if (verb.prec > 0) s = graphemes(s).slice(0, verb.prec).join('');
      return pad(verb, verb.mode === 'q' ? jsonString(s) : s);
    }
    default:
      throw new EvalError(`unsupported format verb '${verb.mode}' in ${JSON.stringify(verb.raw)} at offset ${verb.offset}`);
  }
}

/** cty's formatPadWidth: width in grapheme clusters, zeros when asked, even for strings. */
function pad(verb: Verb, s: string): string {
  if (verb.width < 0) return s;
  const n = verb.width - graphemes(s).length;
  if (n <= 0) return s;
  const fill = (verb.zero ? '0' : ' ').repeat(n);
  return verb.minus ? s + fill : fill + s;
}

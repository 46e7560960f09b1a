// Numbers as cty writes and reads them. cty numbers are 512-bit big.Float values parsed from
// decimal text; ours are JavaScript numbers, whose shortest decimal form is the text the value
// was written as. Printing follows Go's math/big (Text 'f'/'g' with shortest precision, and the
// fmt verbs %e %f %g with explicit precision, rounding the exact value half to even).

/** A decimal d₁d₂…dₙ × 10^(exp−n): `digits` has no leading or trailing zeros ('' is zero). */
interface Decimal {
  neg: boolean;
  digits: string;
  /** Position of the decimal point relative to the first digit: value = 0.digits × 10^exp. */
  exp: number;
}

function decimalOf(x: number): Decimal {
  if (x === 0) return { neg: false, digits: '', exp: 0 };
  const [mant, e] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '').replace(/0+$/, '');
  return { neg: x < 0, digits, exp: Number(e) + 1 };
}

/** Go's big.Float.Parse(s, 10): decimal or binary ('p') exponent, optional sign, or ±Inf. */
export function parseNumber(s: string): number | null {
  const inf = /^([+-]?)[Ii]nf$/.exec(s);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  const m = /^([+-]?)(\d+\.?\d*|\.\d+)(?:([eEpP])([+-]?\d+))?$/.exec(s);
  if (!m) return null;
  const mant = Number(`${m[1]}${m[2]}`);
  if (!m[3]) return mant;
  return /[pP]/.test(m[3]) ? mant * 2 ** Number(m[4]) : Number(`${m[1]}${m[2]}e${m[4]}`);
}

/** cty's number-to-string conversion, big.Float.Text('f', -1): no exponent, fewest digits. */
export function numberText(x: number): string {
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const d = decimalOf(x);
  return (d.neg ? '-' : '') + fixed(d, Math.max(d.digits.length - d.exp, 0));
}

/** big.Float.Text('g', -1), what format's %v prints for numbers (1e+06 for a million). */
export function numberTextG(x: number): string {
  if (!Number.isFinite(x)) return numberText(x);
  const d = decimalOf(x);
  const exp = d.exp - 1;
  const body = exp < -4 || exp >= 6 ? exponential(d, d.digits.length - 1, 'e') : fixed(d, Math.max(d.digits.length - d.exp, 0));
  return (d.neg ? '-' : '') + body;
}

/** Go's fmtF: the integer digits, then `prec` fraction digits. */
function fixed(d: Decimal, prec: number): string {
  let out = d.exp > 0 ? d.digits.slice(0, d.exp).padEnd(d.exp, '0') : '0';
  if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) {
      const j = d.exp + i;
      out += j >= 0 && j < d.digits.length ? d.digits[j] : '0';
    }
  }
  return out;
}

/** Go's fmtE: d.ddd then e±dd (at least two exponent digits). */
function exponential(d: Decimal, prec: number, e: 'e' | 'E'): string {
  let out = d.digits[0] ?? '0';
  if (prec > 0) out += `.${d.digits.slice(1, prec + 1).padEnd(prec, '0')}`;
  const exp = d.digits.length > 0 ? d.exp - 1 : 0;
  return `${out}${e}${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** Go's decimal.round(n): keep n digits, rounding the exact value half to even. */
function round(d: Decimal, n: number): Decimal {
  if (n < 0 || n >= d.digits.length) return d;
  let up: boolean;
  if (d.digits[n] === '5' && n + 1 === d.digits.length) {
    const dir = tieDirection(d);
    up = dir === 'exact' ? n > 0 && Number(d.digits[n - 1]) % 2 === 1 : dir === 'above';
  } else {
    up = d.digits[n]! >= '5';
  }
  if (!up) {
    const digits = d.digits.slice(0, n).replace(/0+$/, '');
    return { ...d, digits, exp: digits === '' ? 0 : d.exp };
  }
  let i = n;
  while (i > 0 && d.digits[i - 1] === '9') i--;
  if (i === 0) return { ...d, digits: '1', exp: d.exp + 1 };
  return { ...d, digits: d.digits.slice(0, i - 1) + String(Number(d.digits[i - 1]) + 1) };
}

/**
 * Where cty's 512-bit binary value of a decimal lies relative to it: a decimal that ends in a
 * 5 exactly at the rounding position is a tie only when the binary value is exact; otherwise
 * the binary approximation decides the direction, as it does in Go.
 */
function tieDirection(d: Decimal): 'exact' | 'above' | 'below' {
  const shift = d.exp - d.digits.length;
  let num = BigInt(d.digits);
  let den = 1n;
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den = 10n ** BigInt(-shift);
  // Scale so that the quotient has exactly 512 bits, then round it to the nearest even.
  let e = 512 - (num.toString(2).length - den.toString(2).length);
  const quotient = (k: number): [bigint, bigint, bigint] => {
    const [a, b] = k >= 0 ? [num << BigInt(k), den] : [num, den << BigInt(-k)];
    return [a / b, a % b, b];
  };
  let [q, r, b] = quotient(e);
  while (q >= 1n << 512n) [q, r, b] = quotient(--e);
  while (q < 1n << 511n) [q, r, b] = quotient(++e);
  if (r === 0n) return 'exact';
  if (2n * r > b) return 'above';
  if (2n * r < b) return 'below';
  return q % 2n === 1n ? 'above' : 'below';
}

export interface VerbFlags {
  plus: boolean;
  minus: boolean;
  space: boolean;
  zero: boolean;
  sharp: boolean;
  /** -1 when absent. */
  width: number;
  /** -1 when absent. */
  prec: number;
}

/** Go's fmt with a *big.Float operand: %e %E %f %g %G with flags, width and precision. */
export function formatFloat(x: number, verb: 'e' | 'E' | 'f' | 'g' | 'G', f: VerbFlags): string {
  let body: string;
  if (!Number.isFinite(x)) {
    body = x > 0 ? '+Inf' : '-Inf';
  } else {
    const d0 = decimalOf(x);
    const lower = verb.toLowerCase() as 'e' | 'f' | 'g';
    const e = verb === 'E' || verb === 'G' ? 'E' : 'e';
    let prec = f.prec;
    if (lower === 'e') {
      if (prec < 0) prec = 6;
      body = exponential(round(d0, 1 + prec), prec, e);
    } else if (lower === 'f') {
      if (prec < 0) prec = 6;
      const d = round(d0, d0.exp + prec);
      body = fixed(d, prec);
    } else if (prec < 0) {
      body = numberTextG(Math.abs(x)).replace('e', e);
    } else {
      if (prec === 0) prec = 1;
      const d = round(d0, prec);
      let eprec = prec;
      if (eprec > d.digits.length && d.digits.length >= d.exp) eprec = d.digits.length;
      const exp = d.exp - 1;
      if (exp < -4 || exp >= eprec) {
        body = exponential(d, Math.min(prec, d.digits.length) - 1, e);
      } else {
        body = fixed(d, Math.max((prec > d.exp ? d.digits.length : prec) - d.exp, 0));
      }
    }
    if (d0.neg) body = `-${body}`;
  }
  let sign = '';
  if (body.startsWith('-') || body.startsWith('+')) {
    sign = body[0] === '+' && f.space ? ' ' : body[0]!;
    body = body.slice(1);
  } else if (f.plus) sign = '+';
  else if (f.space) sign = ' ';
  const pad = Math.max(f.width - sign.length - body.length, 0);
  if (f.zero && !f.minus && Number.isFinite(x)) return sign + '0'.repeat(pad) + body;
  if (f.minus) return sign + body + ' '.repeat(pad);
  return ' '.repeat(pad) + sign + body;
}

/** Go's fmt with a *big.Int operand: %b %d %o %x %X with flags, width and precision. */
export function formatInteger(n: bigint, verb: 'b' | 'd' | 'o' | 'x' | 'X', f: VerbFlags): string {
  const base = { b: 2, d: 10, o: 8, x: 16, X: 16 }[verb];
  const sign = n < 0n ? '-' : f.plus ? '+' : f.space ? ' ' : '';
  const prefix = f.sharp ? ({ b: '0b', o: '0', x: '0x', X: '0X', d: '' } as const)[verb] : '';
  let digits = (n < 0n ? -n : n).toString(base);
  if (verb === 'X') digits = digits.toUpperCase();
  let zeros = 0;
  if (f.prec >= 0) {
    if (digits.length < f.prec) zeros = f.prec - digits.length;
    else if (digits === '0' && f.prec === 0) return '';
  }
  let left = 0;
  let right = 0;
  const length = sign.length + prefix.length + zeros + digits.length;
  if (f.width >= 0 && length < f.width) {
    const d = f.width - length;
    if (f.minus) right = d;
    else if (f.zero && f.prec < 0) zeros = d;
    else left = d;
  }
  return ' '.repeat(left) + sign + prefix + '0'.repeat(zeros) + digits + ' '.repeat(right);
}

/** gocty's conversion of a number to a Go int: it must be whole and fit in 64 bits. */
export function wholeNumber(x: number): number | null {
  return Number.isInteger(x) && Math.abs(x) < 2 ** 63 ? x : null;
}

export const WHOLE_NUMBER_MESSAGE = 'value must be a whole number, between -9223372036854775808 and 9223372036854775807';

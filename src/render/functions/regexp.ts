// `replace(str, "/re/", repl)` runs Go's regexp (RE2 syntax) with Go's ReplaceAllString. The
// pattern is translated to an equivalent JavaScript RegExp where the two agree; what the
// translation does not cover gives null (the caller then leaves the call symbolic rather than
// guess), and what Go rejects throws EvalError.
import { EvalError } from '../value.js';

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\u{0}-\\u{7f}',
  blank: '\\t ',
  cntrl: '\\u{0}-\\u{1f}\\u{7f}',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** Go's \s is ASCII whitespace without \v; JavaScript's is all of Unicode's. */
const GO_SPACE = '\\t\\n\\f\\r ';

class Untranslatable extends Error {}

const fail = (message: string): never => {
  throw new EvalError(`error parsing regexp: ${message}`);
};

/** The JavaScript equivalent of a Go regexp (global, Unicode mode), or null if there is none here. */
export function goRegExp(pattern: string): RegExp | null {
  try {
    const { source, ignoreCase } = translate(pattern);
    try {
      return new RegExp(source, ignoreCase ? 'giu' : 'gu');
    } catch (e) {
      return fail((e as Error).message);
    }
  } catch (e) {
    if (e instanceof Untranslatable) return null;
    throw e;
  }
}

function translate(pattern: string): { source: string; ignoreCase: boolean } {
  const flags = { i: false, m: false, s: false };
  let pos = 0;
  // Flags set at the very start apply to the whole pattern; anywhere else they are not handled.
  for (let m = /^\(\?([imsU]*)(?:-([imsU]*))?\)/.exec(pattern); m && m[0] !== '(?)'; m = /^\(\?([imsU]*)(?:-([imsU]*))?\)/.exec(pattern.slice(pos))) {
    if (m[0].includes('U')) throw new Untranslatable();
    for (const f of m[1] ?? '') flags[f as 'i' | 'm' | 's'] = true;
    for (const f of m[2] ?? '') flags[f as 'i' | 'm' | 's'] = false;
    pos += m[0].length;
  }
  let out = '';
  while (pos < pattern.length) {
    const c = String.fromCodePoint(pattern.codePointAt(pos)!);
    const rest = pattern.slice(pos);
    if (c === '\\') {
      const [js, next] = escape(pattern, pos, false);
      out += js;
      pos = next;
      continue;
    }
    pos += c.length;
    if (c === '.') out += flags.s ? '[^]' : '[^\\n]';
    else if (c === '^') out += flags.m ? '(?<![^\\n])' : '^';
    else if (c === '$') out += flags.m ? '(?![^\\n])' : '$';
    else if (c === '[') {
      const [js, next] = charClass(pattern, pos);
      out += js;
      pos = next;
    } else if (c === '(' && rest.startsWith('(?')) {
      const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
      if (named) {
        out += `(?<${named[1]}>`;
        pos += named[0].length - 1;
      } else if (rest.startsWith('(?:')) {
        out += '(?:';
        pos += 2;
      } else if (/^\(\?[imsU-]*:/.test(rest) || /^\(\?P?<[A-Za-z0-9_]*>/.test(rest)) {
        throw new Untranslatable();
      } else {
        fail(`invalid or unsupported Perl syntax: \`${rest.slice(0, 3)}\``);
      }
    } else if (c === '{') {
      // A well-formed repeat stays one; otherwise Go reads `{` literally.
      const m = /^\{(0|[1-9]\d*)(,(0|[1-9]\d*)?)?\}/.exec(rest);
      if (m && (Number(m[1]) > 1000 || Number(m[3] ?? 0) > 1000 || (m[3] !== undefined && Number(m[3]) < Number(m[1])))) fail(`invalid repeat count: \`${m[0]}\``);
      if (m) {
        out += m[0];
        pos += m[0].length - 1;
      } else out += '\\{';
    } else if (c === '}' || c === ']') out += `\\${c}`;
    else out += c;
  }
  return { source: out, ignoreCase: flags.i };
}

/** A backslash escape at `pos`, outside or inside a character class. */
function escape(pattern: string, pos: number, inClass: boolean): [string, number] {
  const c = pattern[pos + 1];
  if (c === undefined) return fail('trailing backslash at end of expression');
  const rune = (cp: number, next: number): [string, number] => [`\\u{${cp.toString(16)}}`, next];
  if (/[0-7]/.test(c)) {
    // Octal: \0 with up to two more digits, or \1-\7 followed by another octal digit.
    const m = /^[0-7]{1,3}/.exec(pattern.slice(pos + 1))!;
    if (c !== '0' && m[0].length === 1) return fail(`invalid escape sequence: \`\\${c}\``);
    return rune(parseInt(m[0], 8), pos + 1 + m[0].length);
  }
  if (c === 'x') {
    const m = /^x(?:\{([0-9A-Fa-f]+)\}|([0-9A-Fa-f]{2}))/.exec(pattern.slice(pos + 1));
    if (!m || parseInt(m[1] ?? m[2]!, 16) > 0x10ffff) return fail(`invalid escape sequence: \`${pattern.slice(pos, pos + 4)}\``);
    return rune(parseInt(m[1] ?? m[2]!, 16), pos + 1 + m[0].length);
  }
  const simple: Record<string, string> = { a: '\\u{7}', f: '\\f', n: '\\n', r: '\\r', t: '\\t', v: '\\v' };
  if (c in simple) return [simple[c]!, pos + 2];
  if ('dDwW'.includes(c)) return [`\\${c}`, pos + 2];
  if (c === 's') return [inClass ? GO_SPACE : `[${GO_SPACE}]`, pos + 2];
  if (c === 'S') {
    if (inClass) throw new Untranslatable();
    return [`[^${GO_SPACE}]`, pos + 2];
  }
  if (c === 'p' || c === 'P') return unicodeClass(pattern, pos, c === 'P');
  if (!inClass) {
    if (c === 'b' || c === 'B') return [`\\${c}`, pos + 2];
    if (c === 'A') return ['(?<![^])', pos + 2];
    if (c === 'z') return ['(?![^])', pos + 2];
    if (c === 'Q') {
      const end = pattern.indexOf('\\E', pos + 2);
      const text = pattern.slice(pos + 2, end < 0 ? undefined : end);
      return [Array.from(text, (t) => literal(t, false)).join(''), end < 0 ? pattern.length : end + 2];
    }
  }
  if (c.codePointAt(0)! < 0x80 && !/[0-9A-Za-z]/.test(c)) return [literal(c, inClass), pos + 2];
  return fail(`invalid escape sequence: \`\\${c}\``);
}

/** \pL, \p{Greek}, \PL, \p{^Greek}: categories and scripts. */
function unicodeClass(pattern: string, pos: number, negated: boolean): [string, number] {
  const m = /^\\[pP](?:\{(\^?)([A-Za-z_]+)\}|([A-Za-z]))/.exec(pattern.slice(pos));
  if (!m) return fail(`invalid character class range: \`${pattern.slice(pos, pos + 3)}\``);
  const name = m[2] ?? m[3]!;
  const neg = negated !== (m[1] === '^');
  if (name === 'Any') throw new Untranslatable();
  const prop = /^[A-Z][a-z]?$/.test(name) ? name : `Script=${name}`;
  return [`\\${neg ? 'P' : 'p'}{${prop}}`, pos + m[0].length];
}

/** A literal character, escaped where JavaScript's Unicode mode needs it. */
function literal(c: string, inClass: boolean): string {
  return (inClass ? /[\\\]\[^-]/ : /[\\^$.*+?()[\]{}|/]/).test(c) ? `\\${c}` : c;
}

/** A bracketed class starting after `[` at `pos`; returns the JavaScript class and the end. */
function charClass(pattern: string, pos: number): [string, number] {
  const start = pos - 1;
  let out = '[';
  if (pattern[pos] === '^') {
    out += '^';
    pos++;
  }
  let first = true;
  const classChar = (): [string, number] => {
    if (pos >= pattern.length) return fail(`missing closing ]: \`${pattern.slice(start)}\``);
    if (pattern[pos] === '\\') {
      const [js, next] = escape(pattern, pos, true);
      return [js, next];
    }
    const c = String.fromCodePoint(pattern.codePointAt(pos)!);
    return [literal(c, true), pos + c.length];
  };
  for (;;) {
    if (pos >= pattern.length) return fail(`missing closing ]: \`${pattern.slice(start)}\``);
    if (pattern[pos] === ']' && !first) return [`${out}]`, pos + 1];
    first = false;
    const posix = /^\[:(\^?)([a-z]+):\]/.exec(pattern.slice(pos));
    if (posix) {
      const ranges = POSIX[posix[2]!];
      if (ranges === undefined) return fail(`invalid character class range: \`${posix[0]}\``);
      if (posix[1] === '^') throw new Untranslatable();
      out += ranges;
      pos += posix[0].length;
      continue;
    }
    const isSet = pattern[pos] === '\\' && /[dDwWsSpP]/.test(pattern[pos + 1] ?? '');
    const [lo, next] = classChar();
    pos = next;
    out += lo;
    if (!isSet && pattern[pos] === '-' && pattern[pos + 1] !== ']' && pos + 1 < pattern.length) {
      pos++;
      const [hi, after] = classChar();
      pos = after;
      out += `-${hi}`;
    }
  }
}

/**
 * Go's Regexp.ReplaceAllString: matches that do not overlap, an empty match right after a
 * match ignored, and `$1`, `${1}`, `$name`, `${name}` and `$$` in the replacement.
 */
export function goReplaceAll(re: RegExp, s: string, template: string): string {
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= s.length) {
    re.lastIndex = searchPos;
    const m = re.exec(s);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    out += s.slice(lastMatchEnd, start);
    if (end > lastMatchEnd || start === 0) out += expand(template, m);
    lastMatchEnd = end;
    const cp = s.codePointAt(searchPos);
    const width = cp === undefined ? 0 : cp > 0xffff ? 2 : 1;
    if (searchPos + width > end) searchPos += width;
    else if (searchPos + 1 > end) searchPos++;
    else searchPos = end;
  }
  return out + s.slice(lastMatchEnd);
}

/** Go's Regexp.Expand for one match. */
function expand(template: string, m: RegExpExecArray): string {
  let out = '';
  let t = template;
  for (;;) {
    const i = t.indexOf('$');
    if (i < 0) break;
    out += t.slice(0, i);
    t = t.slice(i + 1);
    if (t.startsWith('$')) {
      out += '$';
      t = t.slice(1);
      continue;
    }
    const ref = /^(?:\{([\p{L}\p{Nd}_]+)\}|([\p{L}\p{Nd}_]+))/u.exec(t);
    if (!ref) {
      out += '$';
      continue;
    }
    t = t.slice(ref[0].length);
    const name = ref[1] ?? ref[2]!;
    if (/^(0|[1-9]\d{0,7})$/.test(name)) out += m[Number(name)] ?? '';
    else out += m.groups?.[name] ?? '';
  }
  return out + t;
}

// Go's and cty's string rules where JavaScript's differ: characters are grapheme clusters
// (cty's textseg), strings are NFC-normalized (cty.StringVal), case mapping is per code point
// (Go's unicode.ToUpper), and string order is by UTF-8 bytes (Go's sort.Strings).

// Made at first use: creating a segmenter loads ICU's break rules, about 16 ms that every thread
// paid at start-up, though only runs that evaluate expressions (verification, and some
// transforms' plans) call Terraform's string functions.
let segmenter: Intl.Segmenter | null = null;

/** The string's user-perceived characters, as Terraform's `length` and `substr` count them. */
export function graphemes(s: string): string[] {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  return Array.from(segmenter.segment(s), (g) => g.segment);
}

/** Unicode code points (Go's runes), as `split("")` and `trim` see them. */
export function codePoints(s: string): string[] {
  return Array.from(s);
}

/** cty normalizes every string it makes to NFC. */
export function nfc(s: string): string {
  return s.normalize('NFC');
}

/** Go's string comparison: by UTF-8 bytes, which is by code points. */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** The UTF-8 length of a string (Go's byte offsets in error messages). */
export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Go's unicode.ToUpper: the simple (one code point) mapping; no mapping leaves it alone. */
function upperRune(c: string): string {
  const cp = c.codePointAt(0)!;
  // Greek letters with ypogegrammeni: the simple uppercase is the titlecase form.
  if (cp >= 0x1f80 && cp <= 0x1faf) return String.fromCodePoint(cp | 0x08);
  if (cp === 0x1fb3 || cp === 0x1fc3 || cp === 0x1ff3) return String.fromCodePoint(cp + 9);
  const up = c.toUpperCase();
  return Array.from(up).length === 1 ? up : c;
}

function lowerRune(c: string): string {
  if (c === '\u0130') return 'i'; // Go: İ → i (JavaScript's full mapping adds a combining dot)
  const low = c.toLowerCase();
  return Array.from(low).length === 1 ? low : c;
}

/** Go's unicode.ToTitle, which differs from ToUpper for the digraphs and Georgian. */
function titleRune(c: string): string {
  const cp = c.codePointAt(0)!;
  for (const base of [0x01c4, 0x01c7, 0x01ca, 0x01f1]) if (cp >= base && cp <= base + 2) return String.fromCodePoint(base + 1);
  if ((cp >= 0x10d0 && cp <= 0x10fa) || (cp >= 0x10fd && cp <= 0x10ff)) return c;
  return upperRune(c);
}

export const goUpper = (s: string): string => codePoints(s).map(upperRune).join('');
export const goLower = (s: string): string => codePoints(s).map(lowerRune).join('');

/** Go's deprecated strings.Title, which Terraform's `title` uses: word starts after separators. */
export function goTitle(s: string): string {
  let prev = ' ';
  return codePoints(s)
    .map((c) => {
      const out = isTitleSeparator(prev) ? titleRune(c) : c;
      prev = c;
      return out;
    })
    .join('');
}

function isTitleSeparator(c: string): boolean {
  if (c.codePointAt(0)! <= 0x7f) return !/[0-9A-Za-z_]/.test(c);
  if (/[\p{L}\p{Nd}]/u.test(c)) return false;
  return /\p{White_Space}/u.test(c);
}

/** Go's strings.TrimSpace (unicode.IsSpace is the White_Space property). */
export function goTrimSpace(s: string): string {
  return s.replace(/^\p{White_Space}+|\p{White_Space}+$/gu, '');
}

/** Go's strings.Trim: drops leading and trailing code points that occur in the cutset. */
export function goTrim(s: string, cutset: string): string {
  if (cutset === '') return s;
  const cut = new Set(codePoints(cutset));
  const cps = codePoints(s);
  let start = 0;
  let end = cps.length;
  while (start < end && cut.has(cps[start]!)) start++;
  while (end > start && cut.has(cps[end - 1]!)) end--;
  return cps.slice(start, end).join('');
}

/** Go's strings.Replace(s, old, new, -1); an empty `old` inserts between code points. */
export function goReplaceAll(s: string, old: string, replacement: string): string {
  if (old === '') return [replacement, ...codePoints(s).flatMap((c) => [c, replacement])].join('');
  return s.split(old).join(replacement);
}

/** Go's strings.Split; an empty separator splits into code points. */
export function goSplit(s: string, sep: string): string[] {
  return sep === '' ? codePoints(s) : s.split(sep);
}

// Characters after which cty's SafeKnownPrefix keeps the last grapheme (nothing can combine).
const PREFIX_DELIMITERS = new Set([...'-_:;/\\,.(){}[]|?!~ \t@#$%^&*+"\'']);

/**
 * cty's SafeKnownPrefix: the part of a known string prefix that stays a prefix whatever follows
 * it, i.e. without its last grapheme cluster unless that is a lone delimiter character.
 */
export function safeKnownPrefix(prefix: string): string {
  const gs = graphemes(nfc(prefix));
  const last = gs[gs.length - 1];
  if (last !== undefined && !PREFIX_DELIMITERS.has(last)) gs.pop();
  return gs.join('');
}

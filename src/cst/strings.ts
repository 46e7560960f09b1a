// HCL string and template values, read from the source text.
//
// tree-sitter-hcl leaves whitespace inside strings out of its `template_literal` nodes, so
// literal text is always taken from the source between the structural nodes (quotes,
// interpolations, directives, heredoc markers), never from the literal nodes themselves.
import type { Node } from './parser.js';
import { lineStartOf } from './text.js';

export type TemplatePart =
  | { kind: 'literal'; start: number; end: number; value: string }
  | { kind: 'interpolation'; start: number; end: number; node: Node }
  | { kind: 'directive'; start: number; end: number; node: Node };

export interface Template {
  kind: 'quoted' | 'heredoc';
  /** For heredocs: `<<-` strips the common leading whitespace of the lines. */
  flush: boolean;
  /** Heredoc marker (`EOT`), '' for quoted strings. */
  marker: string;
  /** Range of the whole string expression (quotes or markers included). */
  start: number;
  end: number;
  /** Range of the content between the delimiters. */
  contentStart: number;
  contentEnd: number;
  parts: TemplatePart[];
}

/** Unwraps `expression` wrappers and returns the string or template node inside, if any. */
export function templateNodeOf(expr: Node): Node | null {
  let n: Node | null = expr;
  while (n && n.type === 'expression' && n.namedChildCount === 1) n = n.namedChild(0);
  if (!n) return null;
  if (n.type === 'literal_value') n = n.namedChild(0);
  if (n && n.type === 'template_expr') n = n.namedChild(0);
  if (n && (n.type === 'string_lit' || n.type === 'quoted_template' || n.type === 'heredoc_template')) return n;
  return null;
}

/** Reads a string literal, quoted template or heredoc into its parts. */
export function readTemplate(node: Node, text: string): Template | null {
  const t = templateNodeOf(node);
  if (!t) return null;
  const children = t.children.filter((c): c is Node => c !== null);
  if (t.type === 'heredoc_template') {
    const startMarker = children.find((c) => c.type === 'heredoc_start');
    const ids = children.filter((c) => c.type === 'heredoc_identifier');
    if (!startMarker || ids.length < 2) return null;
    const open = ids[0]!;
    const close = ids[ids.length - 1]!;
    const nl = text.indexOf('\n', open.endIndex);
    const contentStart = nl === -1 ? open.endIndex : nl + 1;
    const contentEnd = Math.max(contentStart, lineStartOf(text, close.startIndex));
    const inner = children.filter((c) => c.type === 'template_interpolation' || c.type === 'template_directive');
    return {
      kind: 'heredoc',
      flush: text.slice(startMarker.startIndex, startMarker.endIndex) === '<<-',
      marker: text.slice(open.startIndex, open.endIndex),
      start: t.startIndex,
      end: t.endIndex,
      contentStart,
      contentEnd,
      parts: splitParts(inner, contentStart, contentEnd, text, decodeHeredocLiteral),
    };
  }
  const open = children[0];
  const close = children[children.length - 1];
  if (!open || !close || open.type !== 'quoted_template_start' || close.type !== 'quoted_template_end') return null;
  const inner = children.filter((c) => c.type === 'template_interpolation' || c.type === 'template_directive');
  return {
    kind: 'quoted',
    flush: false,
    marker: '',
    start: t.startIndex,
    end: t.endIndex,
    contentStart: open.endIndex,
    contentEnd: close.startIndex,
    parts: splitParts(inner, open.endIndex, close.startIndex, text, decodeQuotedLiteral),
  };
}

function splitParts(
  inner: Node[],
  from: number,
  to: number,
  text: string,
  decode: (raw: string) => string,
): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let cursor = from;
  const literal = (end: number): void => {
    if (end > cursor) parts.push({ kind: 'literal', start: cursor, end, value: decode(text.slice(cursor, end)) });
  };
  for (const n of inner) {
    literal(n.startIndex);
    parts.push({
      kind: n.type === 'template_interpolation' ? 'interpolation' : 'directive',
      start: n.startIndex,
      end: n.endIndex,
      node: n,
    });
    cursor = n.endIndex;
  }
  literal(to);
  return parts;
}

/**
 * The value of a template made only of literal text (no interpolation, no directive), exactly
 * as Terraform computes it; null when the template has dynamic parts.
 */
export function literalValue(t: Template): string | null {
  if (t.parts.some((p) => p.kind !== 'literal')) return null;
  const raw = t.parts.map((p) => (p.kind === 'literal' ? p.value : '')).join('');
  return t.kind === 'heredoc' && t.flush ? flushHeredoc(raw) : raw;
}

/** Decodes the escapes of a quoted string's literal text. */
export function decodeQuotedLiteral(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\' && i + 1 < raw.length) {
      const e = raw[++i]!;
      switch (e) {
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case 'u':
        case 'U': {
          const len = e === 'u' ? 4 : 8;
          const hex = raw.slice(i + 1, i + 1 + len);
          out += String.fromCodePoint(parseInt(hex, 16));
          i += len;
          break;
        }
        default: out += '\\' + e;
      }
    } else if ((c === '$' || c === '%') && raw[i + 1] === c && raw[i + 2] === '{') {
      out += c + '{';
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

/** Heredocs have no backslash escapes; only `$${` and `%%{`. */
export function decodeHeredocLiteral(raw: string): string {
  return raw.replace(/([$%])\1\{/g, '$1{');
}

const isSpace = (c: string): boolean => /\s/u.test(c);

/**
 * The `<<-` rule of HCL: the smallest leading-whitespace count over the lines (lines made only
 * of whitespace do not count) is removed from every line that is not blank.
 */
export function flushHeredoc(value: string): string {
  const lines = value.split(/(?<=\n)/);
  let min = Infinity;
  const leading = lines.map((line) => {
    const chars = Array.from(line);
    let n = 0;
    while (n < chars.length && isSpace(chars[n]!) && chars[n] !== '\n' && chars[n] !== '\r') n++;
    const blank = line.trim() === '' && line.endsWith('\n');
    if (!blank) min = Math.min(min, n);
    return { chars, blank };
  });
  if (!Number.isFinite(min) || min === 0) return value;
  return leading.map(({ chars, blank }) => (blank ? chars.join('') : chars.slice(min).join(''))).join('');
}

/** Encodes a value as an HCL quoted string (escapes, `$${`, `%%{`). */
export function quoteHcl(value: string): string {
  let out = '"';
  for (const ch of value) {
    switch (ch) {
      case '"': out += '\\"'; break;
      case '\\': out += '\\\\'; break;
      case '\n': out += '\\n'; break;
      case '\r': out += '\\r'; break;
      case '\t': out += '\\t'; break;
      default: {
        const cp = ch.codePointAt(0)!;
        out += cp < 0x20 || cp === 0x7f ? `\\u${cp.toString(16).padStart(4, '0')}` : ch;
      }
    }
  }
  out = out.replace(/([$%])\{/g, '$1$1{');
  return out + '"';
}

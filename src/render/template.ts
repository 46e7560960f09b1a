// Templates: quoted strings and heredocs with `${...}` interpolations and `%{if}`/`%{for}`
// directives, strip markers (`~`) and the `<<-` indentation rule. A template that is a single
// interpolation gives that value unconverted, as HCL does.
import { childrenOf } from '../cst/nodes.js';
import type { Node } from '../cst/parser.js';
import { decodeHeredocLiteral, decodeQuotedLiteral, readTemplate } from '../cst/strings.js';
import { lineStartOf } from '../cst/text.js';
import type { Env } from './env.js';
import { toBoolValue, toStringValue } from './functions.js';
import { EvalError, isSensitive, markSensitive, num, str, symbolic, type Value } from './value.js';

type Evaluate = (node: Node, env: Env, text: string) => Value;

/** A piece of template output: literal text, or a value to convert to a string. */
type Piece = { lit: string } | { value: Value };

interface Region {
  /** Children of the container that are not literal text. */
  nodes: Node[];
  from: number;
  to: number;
  /** A `~}` before the region / a `%{~` after it: trim the region's first / last literal. */
  stripStart?: boolean;
  stripEnd?: boolean;
}

interface Context {
  text: string;
  evaluate: Evaluate;
  decode: (raw: string) => string;
  /** For `<<-` heredocs: leading whitespace to remove from lines that start with literal text. */
  flush: number;
}

export function evaluateTemplate(node: Node, env: Env, text: string, evaluate: Evaluate): Value {
  const t = readTemplate(node, text);
  if (!t) throw new EvalError('not a template');
  const inner = childrenOf(t.kind === 'heredoc' ? node : node).filter((c) => c.type === 'template_interpolation' || c.type === 'template_directive');
  const ctx: Context = {
    text,
    evaluate,
    decode: t.kind === 'heredoc' ? decodeHeredocLiteral : decodeQuotedLiteral,
    flush: t.kind === 'heredoc' && t.flush ? flushWidth(text, t.contentStart, t.contentEnd, inner) : 0,
  };
  // A lone interpolation is the value itself.
  const literalText = text.slice(t.contentStart, t.contentEnd);
  if (inner.length === 1 && inner[0]!.type === 'template_interpolation' && inner[0]!.startIndex === t.contentStart && inner[0]!.endIndex === t.contentEnd && !literalText.includes('~')) {
    return evaluate(inner[0]!.namedChildren.find((c) => c?.type === 'expression')!, env, text);
  }
  const pieces = render({ nodes: inner, from: t.contentStart, to: t.contentEnd }, env, ctx);
  return join(pieces);
}

function join(pieces: Piece[]): Value {
  let out = '';
  let sensitive = false;
  const parts: Value[] = [];
  let known = true;
  for (const p of pieces) {
    if ('lit' in p) {
      out += p.lit;
      parts.push(str(p.lit));
      continue;
    }
    sensitive ||= isSensitive(p.value);
    const s = toStringValue(p.value);
    parts.push(s);
    if (s.t === 'string') out += s.v;
    else known = false;
  }
  const v = known ? str(out) : symbolic('template', parts);
  return sensitive ? markSensitive(v) : v;
}

/** Literal text and evaluated parts of a region, strip markers applied. */
function render(region: Region, env: Env, ctx: Context): Piece[] {
  const pieces: Piece[] = [];
  let cursor = region.from;
  let stripNext = region.stripStart === true;
  const literal = (end: number, stripEnd: boolean): void => {
    let raw = dedent(ctx, cursor, end);
    if (stripNext) raw = raw.replace(/^\s+/, '');
    if (stripEnd) raw = raw.replace(/\s+$/, '');
    if (raw !== '') pieces.push({ lit: ctx.decode(raw) });
  };
  for (const n of region.nodes) {
    const marks = stripMarks(n, ctx.text);
    literal(n.startIndex, marks.before);
    stripNext = marks.after;
    if (n.type === 'template_interpolation') {
      pieces.push({ value: ctx.evaluate(n.namedChildren.find((c) => c?.type === 'expression')!, env, ctx.text) });
    } else {
      pieces.push(...directive(n.namedChild(0)!, env, ctx));
    }
    cursor = n.endIndex;
  }
  literal(region.to, region.stripEnd === true);
  return pieces;
}

/** `${~ x ~}` / `%{~ if x ~}`: whether the literal before and after are trimmed. */
function stripMarks(n: Node, text: string): { before: boolean; after: boolean } {
  const head = n.type === 'template_directive' ? childrenOf(n.namedChild(0)!)[0]! : n;
  const last = n.type === 'template_directive' ? [...childrenOf(n.namedChild(0)!)].pop()! : n;
  const open = text.slice(head.startIndex, head.startIndex + 3);
  const close = text.slice(last.startIndex, last.endIndex).trimEnd();
  return { before: open.endsWith('~'), after: /~\s*}$/.test(close) };
}

function directive(d: Node, env: Env, ctx: Context): Piece[] {
  const kids = childrenOf(d);
  const sections = (isBoundary: (n: Node) => boolean): Region[] => {
    const out: Region[] = [];
    let current: Region | null = null;
    for (const k of kids) {
      if (isBoundary(k)) {
        const marker = ctx.text.slice(k.startIndex, k.endIndex);
        if (current) {
          current.to = k.startIndex;
          current.stripEnd = /^%\{~/.test(marker);
          out.push(current);
        }
        current = { nodes: [], from: k.endIndex, to: k.endIndex, stripStart: /~\s*\}$/.test(marker) };
      } else if (current && (k.type === 'template_interpolation' || k.type === 'template_directive')) {
        current.nodes.push(k);
      }
    }
    return out;
  };
  if (d.type === 'template_if') {
    const cond = kids[0]!.namedChildren.find((c) => c?.type === 'expression')!;
    const [yes, no] = sections((k) => k.type === 'template_if_intro' || k.type === 'template_else_intro' || k.type === 'template_if_end');
    const c = toBoolValue(ctx.evaluate(cond, env, ctx.text));
    if (c.t !== 'bool') return [{ value: symbolic('%{if}', [c]) }];
    if (c.v) return render(yes!, env, ctx);
    return kids.some((k) => k.type === 'template_else_intro') ? render(no!, env, ctx) : [];
  }
  if (d.type === 'template_for') {
    const start = kids[0]!;
    const names = start.namedChildren.filter((c): c is Node => c?.type === 'identifier').map((c) => c.text);
    const coll = ctx.evaluate(start.namedChildren.find((c) => c?.type === 'expression')!, env, ctx.text);
    const [body] = sections((k) => k.type === 'template_for_start' || k.type === 'template_for_end');
    let pairs: [Value, Value][];
    if (coll.t === 'list') pairs = coll.items.map((v, i) => [num(i), v]);
    else if (coll.t === 'set') pairs = coll.items.map((v) => [v, v]);
    else if (coll.t === 'map') pairs = [...coll.entries.keys()].sort().map((k) => [str(k), coll.entries.get(k)!]);
    else return [{ value: symbolic('%{for}', [coll]) }];
    const out: Piece[] = [];
    for (const [k, v] of pairs) {
      const scope = env.with(names.length === 2 ? [[names[0]!, k], [names[1]!, v]] : [[names[0]!, v]]);
      out.push(...render(body!, scope, ctx));
    }
    return out;
  }
  throw new EvalError(`unsupported template directive ${d.type}`);
}

/**
 * The `<<-` rule: the smallest indentation among lines that start with literal text (lines
 * of whitespace only do not count).
 */
function flushWidth(text: string, from: number, to: number, inner: Node[]): number {
  let min = Infinity;
  for (let line = from; line < to; line = text.indexOf('\n', line) + 1 || to) {
    if (inner.some((n) => n.startIndex <= line && line < n.endIndex)) continue;
    const end = text.indexOf('\n', line);
    const content = text.slice(line, end === -1 ? to : Math.min(end, to));
    const ws = content.length - content.trimStart().length;
    if (content.trim() === '' && end !== -1) continue;
    if (inner.some((n) => n.startIndex === line + ws) || content.trim() !== '') min = Math.min(min, ws);
  }
  return Number.isFinite(min) ? min : 0;
}

/** Source text between `from` and `to` with the heredoc indentation removed at line starts. */
function dedent(ctx: Context, from: number, to: number): string {
  const raw = ctx.text.slice(from, to);
  if (ctx.flush === 0) return raw;
  let out = '';
  let pos = from;
  for (const line of raw.split(/(?<=\n)/)) {
    const atLineStart = lineStartOf(ctx.text, pos) === pos;
    if (atLineStart && !(line.trim() === '' && line.endsWith('\n'))) {
      let cut = 0;
      while (cut < ctx.flush && cut < line.length && (line[cut] === ' ' || line[cut] === '\t')) cut++;
      out += line.slice(cut);
    } else out += line;
    pos += line.length;
  }
  return out;
}

// A small HCL printer for new text, in `terraform fmt` layout: two-space indentation, `=`
// aligned within a run of consecutive single-line attributes (a blank line, a comment, a block
// or a multi-line value ends the run), objects one element per line. Tests hold its output
// against HashiCorp's formatter (@cdktf/hcl-tools).
import { quoteHcl } from './strings.js';

/** An expression given as HCL source text (already valid, already fmt-clean). */
export interface RawExpr {
  kind: 'raw';
  text: string;
}
export interface ObjectExpr {
  kind: 'object';
  entries: [string, HclValue][];
}
export interface TupleExpr {
  kind: 'tuple';
  items: HclValue[];
}
export type HclValue = string | number | boolean | null | RawExpr | ObjectExpr | TupleExpr;

export interface AttributeItem {
  kind: 'attribute';
  name: string;
  value: HclValue;
}
export interface BlockItem {
  kind: 'block';
  type: string;
  labels: string[];
  body: BodyItem[];
}
export type BodyItem = AttributeItem | BlockItem | { kind: 'blank' } | { kind: 'comment'; text: string };

export const raw = (text: string): RawExpr => ({ kind: 'raw', text });
export const object = (entries: [string, HclValue][]): ObjectExpr => ({ kind: 'object', entries });
export const tuple = (items: HclValue[]): TupleExpr => ({ kind: 'tuple', items });
export const attribute = (name: string, value: HclValue): AttributeItem => ({ kind: 'attribute', name, value });
export const block = (type: string, labels: string[], body: BodyItem[]): BlockItem => ({ kind: 'block', type, labels, body });
export const blank: BodyItem = { kind: 'blank' };
export const comment = (text: string): BodyItem => ({ kind: 'comment', text });

export const INDENT = '  ';

const IDENTIFIER = /^[\p{ID_Start}_][\p{ID_Continue}-]*$/u;
const KEYWORDS = new Set(['true', 'false', 'null', 'for', 'in', 'if', 'endif', 'endfor', 'else']);

/** True when `name` can be written bare as an attribute name or object key. */
export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !KEYWORDS.has(name);
}

/** An object key: bare when it is an identifier, quoted otherwise. */
export function printKey(key: string): string {
  return isIdentifier(key) ? key : quoteHcl(key);
}

/** Prints an expression; `indent` is the indentation of the line the expression starts on. */
export function printExpr(value: HclValue, indent = ''): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return quoteHcl(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot print ${value} as HCL`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  switch (value.kind) {
    case 'raw':
      return value.text;
    case 'tuple': {
      const items = value.items.map((v) => printExpr(v, indent + INDENT));
      if (items.every((i) => !i.includes('\n'))) return `[${items.join(', ')}]`;
      return `[\n${items.map((i) => `${indent}${INDENT}${i},\n`).join('')}${indent}]`;
    }
    case 'object': {
      if (value.entries.length === 0) return '{}';
      const lines = alignRuns(
        value.entries.map(([k, v]) => ({ name: printKey(k), value: printExpr(v, indent + INDENT) })),
        indent + INDENT,
      );
      return `{\n${lines}${indent}}`;
    }
  }
}

interface Assignment {
  name: string;
  value: string;
}

/** Lines `name = value`, with `=` aligned inside each run of single-line values. */
function alignRuns(items: (Assignment | string)[], indent: string): string {
  let out = '';
  let run: Assignment[] = [];
  const flush = (): void => {
    const width = Math.max(0, ...run.map((a) => a.name.length));
    for (const a of run) out += `${indent}${a.name.padEnd(width)} = ${a.value}\n`;
    run = [];
  };
  for (const item of items) {
    if (typeof item === 'string') {
      flush();
      out += item;
    } else if (item.value.includes('\n')) {
      flush();
      out += `${indent}${item.name} = ${item.value}\n`;
    } else {
      run.push(item);
    }
  }
  flush();
  return out;
}

/** Prints body items at `indent`; every line ends with a newline. */
export function printBody(items: BodyItem[], indent = ''): string {
  return alignRuns(
    items.map((item): Assignment | string => {
      switch (item.kind) {
        case 'attribute':
          return { name: item.name, value: printExpr(item.value, indent) };
        case 'blank':
          return '\n';
        case 'comment':
          return `${indent}${item.text}\n`;
        case 'block':
          return printBlock(item, indent);
      }
    }),
    indent,
  );
}

/** Prints a block at `indent`, ending with a newline. */
export function printBlock(b: BlockItem, indent = ''): string {
  const head = [b.type, ...b.labels.map((l) => quoteHcl(l))].join(' ');
  if (b.body.length === 0) return `${indent}${head} {}\n`;
  return `${indent}${head} {\n${printBody(b.body, indent + INDENT)}${indent}}\n`;
}

/** Prints one attribute line (with its newline) at `indent`, `=` padded to `nameWidth`. */
export function printAttribute(name: string, value: HclValue, indent = '', nameWidth = name.length): string {
  return `${indent}${name.padEnd(nameWidth)} = ${printExpr(value, indent)}\n`;
}

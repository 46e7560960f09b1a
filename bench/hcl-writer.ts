// A tiny writer of HCL text in `terraform fmt` layout, for the benchmark's generated trees only
// (the tool has its own printer in src/cst/printer.ts; the generator does not use it, so a
// printer bug cannot hide in the benchmark's input). Layout rules, as hclwrite applies them:
// two-space indentation; `=` aligned within a run of consecutive one-line attributes (a heredoc
// attribute counts as one line); a blank line, a comment line, a block, or an attribute whose
// value opens a bracket on its line ends the run; trailing comments of consecutive lines are
// aligned one space after the longest line. `generate.ts --check` holds the output against
// HashiCorp's formatter and parser.

type Item =
  | { kind: 'attr'; name: string; value: string; comment?: string }
  | { kind: 'heredoc'; name: string; marker: string; lines: string[] }
  | { kind: 'open'; name: string; open: string; close: string; body: HclBody }
  | { kind: 'list'; name: string; items: string[] }
  | { kind: 'objects'; name: string; bodies: HclBody[] }
  | { kind: 'block'; head: string; body: HclBody }
  | { kind: 'blank' }
  | { kind: 'comment'; lines: string[] };

const INDENT = '  ';

/** A quoted HCL string; `${` and `%{` are kept (the caller means them as templates). */
export function str(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** A one-line list of quoted strings. */
export function strList(items: string[]): string {
  return `[${items.map(str).join(', ')}]`;
}

export class HclBody {
  private readonly items: Item[] = [];

  constructor(private readonly depth = 0) {}

  get isEmpty(): boolean {
    return this.items.length === 0;
  }

  attr(name: string, value: string, comment?: string): this {
    this.items.push(comment ? { kind: 'attr', name, value, comment } : { kind: 'attr', name, value });
    return this;
  }

  /** `name = <<-MARKER` … `MARKER`; lines are written one level deeper than the attribute. */
  heredoc(name: string, marker: string, lines: string[]): this {
    this.items.push({ kind: 'heredoc', name, marker, lines });
    return this;
  }

  /** `name = {` … `}` (an object), or with `open`/`close` e.g. `jsonencode({` … `})`. */
  object(name: string, fill: (b: HclBody) => void, open = '{', close = '}'): this {
    const body = new HclBody(this.depth + 1);
    fill(body);
    this.items.push({ kind: 'open', name, open, close, body });
    return this;
  }

  /** A list of expressions, one per line. */
  list(name: string, items: string[]): this {
    this.items.push({ kind: 'list', name, items });
    return this;
  }

  /** A list of objects, one per element: `name = [ { … }, { … }, ]`. */
  objects(name: string, fills: ((b: HclBody) => void)[]): this {
    const bodies = fills.map((f) => {
      const b = new HclBody(this.depth + 2);
      f(b);
      return b;
    });
    this.items.push({ kind: 'objects', name, bodies });
    return this;
  }

  block(type: string, labels: string[], fill: (b: HclBody) => void): this {
    const body = new HclBody(this.depth + 1);
    fill(body);
    this.items.push({ kind: 'block', head: [type, ...labels.map(str)].join(' '), body });
    return this;
  }

  blank(): this {
    const last = this.items[this.items.length - 1];
    if (last && last.kind !== 'blank') this.items.push({ kind: 'blank' });
    return this;
  }

  /** Comment lines, each given with its marker (`# …`, `// …`, or the lines of a `/* … *\/`). */
  comment(...lines: string[]): this {
    this.items.push({ kind: 'comment', lines });
    return this;
  }

  render(): string {
    const ind = INDENT.repeat(this.depth);
    const items = [...this.items];
    while (items[items.length - 1]?.kind === 'blank') items.pop();
    let out = '';
    let run: (Item & { kind: 'attr' | 'heredoc' })[] = [];
    const flush = (): void => {
      const width = Math.max(0, ...run.map((a) => a.name.length));
      const lines = run.map((a) =>
        a.kind === 'attr'
          ? { text: `${ind}${a.name.padEnd(width)} = ${a.value}`, comment: a.comment }
          : { text: `${ind}${a.name.padEnd(width)} = <<-${a.marker}\n${a.lines.map((l) => (l ? ind + INDENT + l : '')).join('\n')}\n${ind}${a.marker}`, comment: undefined },
      );
      for (let i = 0; i < lines.length; ) {
        if (!lines[i]!.comment) {
          out += lines[i]!.text + '\n';
          i++;
          continue;
        }
        let j = i;
        while (j < lines.length && lines[j]!.comment) j++;
        const col = Math.max(...lines.slice(i, j).map((l) => l.text.length));
        for (const l of lines.slice(i, j)) out += `${l.text.padEnd(col)} ${l.comment}\n`;
        i = j;
      }
      run = [];
    };
    for (const item of items) {
      if ((item.kind === 'attr' && !item.value.includes('\n')) || item.kind === 'heredoc') {
        run.push(item);
        continue;
      }
      flush();
      switch (item.kind) {
        case 'attr':
          // A value over several lines (`type = list(object({` …) stands alone.
          out += `${ind}${item.name} = ${item.value}\n`;
          break;
        case 'blank':
          out += '\n';
          break;
        case 'comment':
          for (const l of item.lines) out += `${ind}${l}\n`;
          break;
        case 'open':
          out += `${ind}${item.name} = ${item.open}\n${item.body.render()}${ind}${item.close}\n`;
          break;
        case 'list':
          out += `${ind}${item.name} = [\n${item.items.map((x) => `${ind}${INDENT}${x},\n`).join('')}${ind}]\n`;
          break;
        case 'objects':
          out += `${ind}${item.name} = [\n${item.bodies.map((b) => `${ind}${INDENT}{\n${b.render()}${ind}${INDENT}},\n`).join('')}${ind}]\n`;
          break;
        case 'block':
          out += item.body.isEmpty ? `${ind}${item.head} {}\n` : `${ind}${item.head} {\n${item.body.render()}${ind}}\n`;
          break;
      }
    }
    flush();
    return out;
  }
}

/** A top-level block as text. */
export function topBlock(type: string, labels: string[], fill: (b: HclBody) => void): string {
  return new HclBody(0).block(type, labels, fill).render();
}

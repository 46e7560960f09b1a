import { beforeAll, describe, expect, it } from 'vitest';
import { initParser, parseHcl } from '../../src/cst/parser.js';
import { attributeValue, attributesOf, bodyOf } from '../../src/cst/nodes.js';
import { decodeQuotedLiteral, flushHeredoc, literalValue, quoteHcl, readTemplate } from '../../src/cst/strings.js';
import { hclParse } from '../helpers.js';

beforeAll(initParser);

/** The value our reader computes for `x = <expr>`, and the value HashiCorp's parser computes. */
async function both(expr: string): Promise<{ ours: string | null; theirs: unknown }> {
  const text = `x = ${expr}\n`;
  const tree = parseHcl(text);
  try {
    const value = attributeValue(attributesOf(bodyOf(tree.rootNode))[0]!)!;
    const t = readTemplate(value, text);
    const ours = t ? literalValue(t) : null;
    const theirs = ((await hclParse('x.tf', text)) as { x: unknown }).x;
    return { ours, theirs };
  } finally {
    tree.delete();
  }
}

// hcl2json writes a literal `${` as `$${` in its JSON form (Terraform's JSON syntax).
const unjson = (v: unknown): unknown => (typeof v === 'string' ? v.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{') : v);

describe('reading string values exactly as HashiCorp does', () => {
  const cases: [string, string][] = [
    ['plain quoted', '"hunter2"'],
    ['spaces kept', '"  two  spaces  "'],
    ['escapes', '"a\\"b\\\\c\\nd\\te"'],
    ['unicode escapes', '"\\u00e9\\U0001F600"'],
    ['escaped interpolation', '"cost: $${amount} %%{x}"'],
    ['non-ASCII literal', '"pässwörd-😀"'],
    ['heredoc', '<<EOT\n-----BEGIN KEY-----\nMIIB\n-----END KEY-----\nEOT'],
    ['indented heredoc', '<<-EOT\n    line one\n      indented more\n    line three\n  EOT'],
    ['indented heredoc with blank and whitespace-only lines', '<<-EOT\n    a\n\n  \n      b\n    EOT'],
    ['heredoc keeps backslashes', '<<EOT\nC:\\path\\n $${x}\nEOT'],
    ['tabs in an indented heredoc', '<<-EOT\n\t\tone\n\t\t  two\n\tEOT'],
  ];
  for (const [name, expr] of cases) {
    it(name, async () => {
      const { ours, theirs } = await both(expr);
      expect(ours).toBe(unjson(theirs));
    });
  }

  it('gives no literal value for templates with interpolation', async () => {
    const { ours } = await both('"a-${var.x}"');
    expect(ours).toBeNull();
  });

  it('splits a template into literal and interpolation parts, literal text taken from the source', () => {
    const text = 'x = "  Sup3r ${var.env} secret  "\n';
    const tree = parseHcl(text);
    const t = readTemplate(attributeValue(attributesOf(bodyOf(tree.rootNode))[0]!)!, text)!;
    expect(t.parts.map((p) => (p.kind === 'literal' ? p.value : p.kind))).toEqual(['  Sup3r ', 'interpolation', ' secret  ']);
    tree.delete();
  });
});

describe('quoteHcl', () => {
  it('round-trips through HashiCorp\'s parser', async () => {
    const values = ['simple', 'quote " and \\ backslash', 'line\nbreak\r\ttab', '${not interpolated} %{nor this}', '$${already}', 'ünïcödé 😀', '\u0001control'];
    for (const v of values) {
      const parsed = (await hclParse('x.tf', `x = ${quoteHcl(v)}\n`)) as { x: string };
      expect(unjson(parsed.x)).toBe(v);
      expect(decodeQuotedLiteral(quoteHcl(v).slice(1, -1))).toBe(v);
    }
  });
});

describe('flushHeredoc', () => {
  it('removes the smallest indentation, ignoring blank lines', () => {
    expect(flushHeredoc('    a\n\n      b\n')).toBe('a\n\n  b\n');
  });
  it('leaves text without common indentation alone', () => {
    expect(flushHeredoc('a\n  b\n')).toBe('a\n  b\n');
  });
});

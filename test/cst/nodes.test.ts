// Node helpers whose answers transforms rely on to keep a value's meaning.
import { beforeAll, describe, expect, it } from 'vitest';
import { attributeOf, attributeValue, bodyOf, isConstant } from '../../src/cst/nodes.js';
import { initParser, parseHcl } from '../../src/cst/parser.js';

beforeAll(initParser);

/** Each attribute of `locals { ... }` and whether isConstant says its value is one. */
function constants(body: string): Record<string, boolean> {
  const text = `locals {\n${body}\n}\n`;
  const tree = parseHcl(text);
  try {
    const locals = bodyOf(tree.rootNode)!.namedChildren[0]!;
    const out: Record<string, boolean> = {};
    for (const line of body.split('\n')) {
      const name = /^\s*(\w+)\s*=/.exec(line)?.[1];
      if (!name) continue;
      out[name] = isConstant(attributeValue(attributeOf(bodyOf(locals), name)!)!);
    }
    return out;
  } finally {
    tree.delete();
  }
}

describe('isConstant', () => {
  it('accepts literals and collections of them (keys quoted), and nothing evaluated, nor a heredoc', () => {
    const heredoc = '  motd = <<-EOT\n    hello\n  EOT';
    expect(
      constants(
        [
          '  port = 5432',
          '  name = "orders-db"',
          '  on = true',
          '  none = null',
          '  zones = ["eu-west-1a", "eu-west-1b"]',
          '  sizes = { "dev" = "t3.micro", "prod" = "m5.large" }',
          '  bare_keys = { dev = "t3.micro" }',
          '  templated = "${var.env}-db"',
          '  referenced = var.name',
          '  called = lower("ORDERS")',
          '  conditional = true ? "a" : "b"',
          '  comprehension = [for z in ["a"] : z]',
          '  directive = "%{if true}a%{endif}"',
          heredoc,
        ].join('\n'),
      ),
    ).toEqual({
      port: true,
      name: true,
      on: true,
      none: true,
      zones: true,
      sizes: true,
      // tree-sitter-hcl reads a bare key as a variable: such an object is not judged constant.
      bare_keys: false,
      templated: false,
      referenced: false,
      called: false,
      conditional: false,
      comprehension: false,
      directive: false,
      motd: false,
    });
  });
});

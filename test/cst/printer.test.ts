import { describe, expect, it } from 'vitest';
import { attribute, blank, block, comment, object, printBlock, printBody, printExpr, raw, tuple } from '../../src/cst/printer.js';
import { hclFormat, hclParse } from '../helpers.js';

async function expectFmtClean(text: string): Promise<void> {
  await hclParse('x.tf', text);
  expect(await hclFormat(text)).toBe(text);
}

describe('printer', () => {
  it('aligns = within a run of single-line attributes', async () => {
    const text = printBlock(block('variable', ['db_password'], [attribute('description', 'x'), attribute('type', raw('string')), attribute('sensitive', true)]));
    expect(text).toBe('variable "db_password" {\n  description = "x"\n  type        = string\n  sensitive   = true\n}\n');
    await expectFmtClean(text);
  });

  it('breaks alignment at blank lines, comments, blocks and multi-line values', async () => {
    const text = printBody([
      attribute('a', 1),
      attribute('longer_name', 'x'),
      blank,
      attribute('b', 2),
      comment('# about c'),
      attribute('ccc', 3),
      attribute('tags', object([['Name', 'web'], ['Environment', 'dev']])),
      attribute('d', 4),
      attribute('eeeee', 5),
      block('lifecycle', [], [attribute('prevent_destroy', true)]),
      attribute('f', raw('var.f')),
    ]);
    await expectFmtClean(text);
    expect(text).toContain('tags = {\n  Name        = "web"\n  Environment = "dev"\n}');
  });

  it('prints nested objects, tuples, quoted keys and escapes fmt-clean', async () => {
    const text = printBody([
      attribute(
        'rules',
        object([
          ['http', object([['port', 80], ['cidrs', tuple(['0.0.0.0/0'])], ['note', 'say "hi" ${x}']])],
          ['not an identifier', object([])],
          ['list', tuple([object([['a', 1]]), object([['bb', null]])])],
        ]),
      ),
    ]);
    await expectFmtClean(text);
    expect(text).toContain('"not an identifier" = {}');
    expect(text).toContain('"say \\"hi\\" $${x}"');
  });

  it('prints scalars', () => {
    expect(printExpr(null)).toBe('null');
    expect(printExpr(1.5)).toBe('1.5');
    expect(printExpr(false)).toBe('false');
    expect(printExpr(tuple([1, 'a']))).toBe('[1, "a"]');
    expect(() => printExpr(Infinity)).toThrow();
  });

  it('prints an empty block on one line', async () => {
    const text = printBlock(block('backend', ['local'], []));
    expect(text).toBe('backend "local" {}\n');
    await expectFmtClean(text);
  });
});

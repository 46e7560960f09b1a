import { beforeAll, describe, expect, it } from 'vitest';
import { initParser, parseHcl, syntaxProblems } from '../../src/cst/parser.js';
import { hclParse } from '../helpers.js';

beforeAll(initParser);

const problems = (text: string) => {
  const tree = parseHcl(text);
  try {
    return syntaxProblems(tree, text);
  } finally {
    tree.delete();
  }
};

describe('parseHcl', () => {
  it('accepts numbers with an exponent and no fraction, which HCL allows', async () => {
    for (const text of ['x = 1e10\n', 'x = [1e-3, 2E+5, 3.5e2]\ny = "a"\n', 'x = {\n  a = 6.02e23\n  b = 1e3\n}\n']) {
      await hclParse('x.tf', text);
      expect(problems(text), text).toEqual([]);
    }
  });

  it('keeps node ranges on the original text', () => {
    const text = 'x = 1e10\ny = "after"\n';
    const tree = parseHcl(text);
    const y = tree.rootNode.namedChild(0)!.namedChild(1)!;
    expect(text.slice(y.startIndex, y.endIndex)).toBe('y = "after"');
    tree.delete();
  });

  it('still reports real syntax errors with line and column', () => {
    expect(problems('x = 1 e10\n')[0]).toMatchObject({ line: 1 });
    const p = problems('resource "a" "b" {\n  x = \n}\n');
    expect(p.length).toBeGreaterThan(0);
    expect(p[0]!.line).toBeGreaterThanOrEqual(2);
    expect(problems('locals {\n  a = 1\n')[0]!.message).toMatch(/missing|unexpected/);
  });
});

// initParser's loading, in a process of its own (vitest runs each file in its own): nothing
// else here may have started tree-sitter first.
import { Parser } from 'web-tree-sitter';
import { describe, expect, it, vi } from 'vitest';
import { initParser, parseHcl } from '../../src/cst/parser.js';

describe('initParser', () => {
  it('loads tree-sitter once when callers ask while it is still loading', async () => {
    // A second Parser.init() during the first load starts another runtime under the first one's
    // grammar: parsing then fails ("null function or function signature mismatch").
    const init = vi.spyOn(Parser, 'init');
    const first = initParser();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await Promise.all([first, initParser(), initParser()]);
    await initParser();
    expect(init).toHaveBeenCalledTimes(1);
    const tree = parseHcl('resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n');
    expect(tree.rootNode.hasError).toBe(false);
    tree.delete();
  });
});

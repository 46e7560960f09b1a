// HashiCorp's parser as the tool calls it: the same verdicts from its baseline-tier copy (used
// first) and its optimised copy (past SWITCH_AT characters in a thread).
import { describe, expect, it } from 'vitest';
import { checkHcl, parseDiagnostic } from '../../src/engine/hcl-validity.js';

const INVALID = 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs\n}\n';
const VALID = (i: number): string => `resource "aws_s3_bucket" "b${i}" {\n  bucket = "logs-${i}"\n  tags = {\n    Name = "logs-${i}"\n  }\n}\n`;

describe('checkHcl', () => {
  it('judges alike before and after the optimised copy takes over', async () => {
    const early = await checkHcl('early.tf', INVALID);
    expect(early).toMatchObject({ line: 2 });
    expect(await checkHcl('early.tf', VALID(0))).toBeNull();
    // Well past the switch (250,000 characters), in distinct texts (verdicts are kept by content).
    let text = '';
    for (let i = 1; text.length < 400_000; i++) text += VALID(i);
    expect(await checkHcl('big.tf', text)).toBeNull();
    const late = await checkHcl('late.tf', INVALID);
    expect(late).toEqual({ ...early!, message: early!.message });
    expect(await checkHcl('late.tf', VALID(-1))).toBeNull();
  });

  it('reads the position and text of the first diagnostic', () => {
    expect(parseDiagnostic('a.tf', 'parse config: [a.tf:2,12-13: Invalid multi-line string; Quoted strings may not be split. a.tf:5,1-2: Other]')).toEqual({
      line: 2,
      column: 12,
      message: 'Invalid multi-line string: Quoted strings may not be split.',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { applyEdits, EditConflictError } from '../../src/cst/edit.js';

describe('applyEdits', () => {
  it('copies untouched text verbatim and applies edits in order', () => {
    expect(applyEdits('abcdef', [{ start: 4, end: 5, text: 'E' }, { start: 1, end: 2, text: 'B' }])).toBe('aBcdEf');
  });

  it('keeps insertions at one offset in the order given, before a replacement starting there', () => {
    const out = applyEdits('abc', [
      { start: 1, end: 2, text: 'X' },
      { start: 1, end: 1, text: '1' },
      { start: 1, end: 1, text: '2' },
    ]);
    expect(out).toBe('a12Xc');
  });

  it('allows adjacent edits', () => {
    expect(applyEdits('abcd', [{ start: 0, end: 2, text: 'X' }, { start: 2, end: 4, text: 'Y' }])).toBe('XY');
  });

  it('throws on overlapping edits instead of dropping one', () => {
    expect(() => applyEdits('abcdef', [{ start: 1, end: 4, text: 'x', origin: 'a' }, { start: 3, end: 5, text: 'y', origin: 'b' }])).toThrow(EditConflictError);
    expect(() => applyEdits('abcdef', [{ start: 1, end: 3, text: 'x' }, { start: 1, end: 3, text: 'x' }])).toThrow(/overlapping/);
    expect(() => applyEdits('abcdef', [{ start: 1, end: 4, text: 'x' }, { start: 2, end: 2, text: 'i' }])).toThrow(EditConflictError);
  });

  it('deletes the union of overlapping deletions (two removed blocks sharing a blank line), but not of a deletion and a replacement', () => {
    expect(applyEdits('a\n\nb\n\nc\n', [{ start: 0, end: 3, text: '' }, { start: 2, end: 5, text: '' }])).toBe('\nc\n');
    expect(applyEdits('abcdef', [{ start: 1, end: 5, text: '' }, { start: 2, end: 3, text: '' }])).toBe('af');
    expect(() => applyEdits('abcdef', [{ start: 1, end: 4, text: '' }, { start: 3, end: 5, text: 'y' }])).toThrow(EditConflictError);
    expect(() => applyEdits('abcdef', [{ start: 1, end: 4, text: 'x' }, { start: 3, end: 5, text: '' }])).toThrow(EditConflictError);
  });

  it('names the changes in a conflict', () => {
    try {
      applyEdits('abcdef', [{ start: 1, end: 4, text: 'x', origin: 'one:a' }, { start: 3, end: 5, text: 'y', origin: 'two:b' }]);
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toContain('one:a');
      expect((e as Error).message).toContain('two:b');
    }
  });

  it('rejects ranges outside the text', () => {
    expect(() => applyEdits('abc', [{ start: 2, end: 9, text: '' }])).toThrow(/outside/);
  });

  it('writes inserted line breaks in the file\'s own line ending', () => {
    const text = 'a = 1\r\nb = 2\r\n';
    const out = applyEdits(text, [{ start: 5, end: 5, text: '\nc = 3' }], '\r\n');
    expect(out).toBe('a = 1\r\nc = 3\r\nb = 2\r\n');
  });

  it('leaves a heredoc next to an edit byte for byte', () => {
    const text = 'a = "x"\nb = <<-EOT\n    keep   this\t\n  ${var.y}\n  EOT\n';
    expect(applyEdits(text, [{ start: 4, end: 7, text: 'var.a' }])).toBe('a = var.a\nb = <<-EOT\n    keep   this\t\n  ${var.y}\n  EOT\n');
  });

  it('keeps a BOM and non-ASCII text around an edit', () => {
    const text = '\ufeff# café 😀\nx = "é"\n';
    const at = text.indexOf('"é"');
    expect(applyEdits(text, [{ start: at, end: at + 3, text: 'var.x' }])).toBe('\ufeff# café 😀\nx = var.x\n');
  });
});

import { chmodSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../src/files/load.js';
import { writeAll, WriteError } from '../../src/files/write.js';
import { tempTree } from '../helpers.js';

const fp = (p: string): string => fingerprintOf(readFileSync(p));

describe('writeAll', () => {
  it('writes every file, keeps existing modes, sets new modes', async () => {
    const dir = tempTree({ 'a.tf': 'old\n' });
    chmodSync(path.join(dir, 'a.tf'), 0o640);
    await writeAll([
      { path: path.join(dir, 'a.tf'), text: 'new\n', expected: fp(path.join(dir, 'a.tf')) },
      { path: path.join(dir, 'secrets.tfvars'), text: 's = "x"\n', mode: 0o600, expected: null },
    ]);
    expect(readFileSync(path.join(dir, 'a.tf'), 'utf8')).toBe('new\n');
    expect(statSync(path.join(dir, 'a.tf')).mode & 0o777).toBe(0o640);
    expect(statSync(path.join(dir, 'secrets.tfvars')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['a.tf', 'secrets.tfvars']);
  });

  it('creates the directory of a new file (secrets/dev.tfvars), and removes it again when the write fails', async () => {
    const dir = tempTree({ 'a.tf': 'a\n' });
    await writeAll([{ path: path.join(dir, 'secrets/dev.tfvars'), text: 'p = "x"\n', mode: 0o600, expected: null }]);
    expect(readFileSync(path.join(dir, 'secrets/dev.tfvars'), 'utf8')).toBe('p = "x"\n');
    expect(statSync(path.join(dir, 'secrets/dev.tfvars')).mode & 0o777).toBe(0o600);

    const other = tempTree({ 'a.tf': 'a\n' });
    const expected = fp(path.join(other, 'a.tf'));
    writeFileSync(path.join(other, 'a.tf'), 'changed\n');
    await expect(
      writeAll([
        { path: path.join(other, 'deep/er/x.tfvars'), text: 'x = 1\n', expected: null },
        { path: path.join(other, 'a.tf'), text: 'A\n', expected },
      ]),
    ).rejects.toThrow(/a\.tf: changed on disk/);
    expect(readdirSync(other).sort()).toEqual(['a.tf']);
  });

  it('writes nothing when a file changed on disk since it was read', async () => {
    const dir = tempTree({ 'a.tf': 'a\n', 'b.tf': 'b\n' });
    const expectedA = fp(path.join(dir, 'a.tf'));
    const expectedB = fp(path.join(dir, 'b.tf'));
    writeFileSync(path.join(dir, 'b.tf'), 'someone else\n');
    await expect(
      writeAll([
        { path: path.join(dir, 'a.tf'), text: 'A\n', expected: expectedA },
        { path: path.join(dir, 'b.tf'), text: 'B\n', expected: expectedB },
      ]),
    ).rejects.toThrow(/b\.tf: changed on disk since it was read; nothing was written/);
    expect(readFileSync(path.join(dir, 'a.tf'), 'utf8')).toBe('a\n');
    expect(readdirSync(dir).sort()).toEqual(['a.tf', 'b.tf']);
  });

  it('writes nothing when a new file appeared meanwhile', async () => {
    const dir = tempTree({ 'a.tf': 'a\n', 'new.tf': 'surprise\n' });
    await expect(
      writeAll([
        { path: path.join(dir, 'a.tf'), text: 'A\n', expected: fp(path.join(dir, 'a.tf')) },
        { path: path.join(dir, 'new.tf'), text: 'mine\n', expected: null },
      ]),
    ).rejects.toBeInstanceOf(WriteError);
    expect(readFileSync(path.join(dir, 'a.tf'), 'utf8')).toBe('a\n');
  });

  it('writes nothing when a directory is not writable', async () => {
    if (process.getuid?.() === 0) {
      // root ignores directory permissions; a read-only file is still refused:
      const dir = tempTree({ 'a.tf': 'a\n', 'ro.tf': 'r\n' });
      chmodSync(path.join(dir, 'ro.tf'), 0o444);
      await expect(
        writeAll([
          { path: path.join(dir, 'a.tf'), text: 'A\n', expected: fp(path.join(dir, 'a.tf')) },
          { path: path.join(dir, 'ro.tf'), text: 'R\n', expected: fp(path.join(dir, 'ro.tf')) },
        ]),
      ).rejects.toThrow(/ro\.tf: file is read-only/);
      expect(readFileSync(path.join(dir, 'a.tf'), 'utf8')).toBe('a\n');
      expect(readdirSync(dir).sort()).toEqual(['a.tf', 'ro.tf']);
      return;
    }
    const dir = tempTree({ 'a.tf': 'a\n', 'sub/b.tf': 'b\n' });
    chmodSync(path.join(dir, 'sub'), 0o555);
    await expect(
      writeAll([
        { path: path.join(dir, 'a.tf'), text: 'A\n', expected: fp(path.join(dir, 'a.tf')) },
        { path: path.join(dir, 'sub/b.tf'), text: 'B\n', expected: fp(path.join(dir, 'sub/b.tf')) },
      ]),
    ).rejects.toBeInstanceOf(WriteError);
    expect(readFileSync(path.join(dir, 'a.tf'), 'utf8')).toBe('a\n');
  });

  it('writes through a symlink to its target, keeping the link', async () => {
    const dir = tempTree({ 'shared/versions.tf': 'v\n', 'app/.keep': '' });
    symlinkSync('../shared/versions.tf', path.join(dir, 'app', 'versions.tf'));
    await writeAll([{ path: path.join(dir, 'app', 'versions.tf'), text: 'V\n', expected: fp(path.join(dir, 'shared/versions.tf')) }]);
    expect(readFileSync(path.join(dir, 'shared/versions.tf'), 'utf8')).toBe('V\n');
    expect(statSync(path.join(dir, 'app', 'versions.tf')).isFile()).toBe(true);
  });
});

// Reading module files: strict UTF-8, with a fingerprint of the bytes so that a file changed on
// disk between analysis and write is noticed and not overwritten.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { positionAt } from '../cst/text.js';
import { describeFsError } from './discover.js';

export interface LoadedFile {
  name: string;
  text: string;
  /** sha256 of the bytes read. */
  fingerprint: string;
}

export interface LoadError {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export function fingerprintOf(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Offset of the first byte that is not part of a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= bytes.length) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Decodes UTF-8 strictly; the error names the line and column of the first bad byte. */
export function decodeUtf8(name: string, bytes: Uint8Array): { text: string } | { error: LoadError } {
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    const bad = Math.max(0, firstInvalidUtf8(bytes));
    const prefix = decoder.decode(bytes.subarray(0, bad));
    const pos = positionAt(prefix, prefix.length);
    return {
      error: {
        file: name,
        ...pos,
        message: `not valid UTF-8 (byte 0x${bytes[bad]?.toString(16).padStart(2, '0')} at offset ${bad}); Terraform files must be UTF-8`,
      },
    };
  }
}

/**
 * Reads a module's files (synchronously: many small files read faster that way), except those
 * whose bytes were read already (`read`, by name).
 */
export function loadFiles(dir: string, names: string[], read?: ReadonlyMap<string, Uint8Array>): { files: LoadedFile[]; errors: LoadError[] } {
  const files: LoadedFile[] = [];
  const errors: LoadError[] = [];
  for (const name of names) {
    let bytes: Uint8Array;
    try {
      bytes = read?.get(name) ?? readFileSync(path.join(dir, name));
    } catch (e) {
      errors.push({ file: name, message: describeFsError(e) });
      continue;
    }
    const decoded = decodeUtf8(name, bytes);
    if ('error' in decoded) errors.push(decoded.error);
    else files.push({ name, text: decoded.text, fingerprint: fingerprintOf(bytes) });
  }
  return { files, errors };
}

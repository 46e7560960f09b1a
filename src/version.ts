// The tool's own version, read from its package.json (found by walking up from this file, so it
// works from src/ under vitest and from dist/ when installed).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findVersion(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'tfcodemod' && pkg.version) return pkg.version;
    } catch {
      /* keep looking */
    }
    if (path.dirname(dir) === dir) return '0.0.0';
  }
}

export const VERSION = findVersion();

// The tool's own package: its root directory (the nearest directory above this file whose
// package.json is tfcodemod's, so it works from src/ under vitest, from dist/ and dist/bundle/
// when built, and when installed) and its version, read from that package.json.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackage(): { root: string; version: string } | null {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'tfcodemod' && pkg.version) return { root: dir, version: pkg.version };
    } catch {
      /* keep looking */
    }
    if (path.dirname(dir) === dir) return null;
  }
}

const found = findPackage();

/** The package's root directory, null when its package.json cannot be found. */
export const PACKAGE_ROOT = found?.root ?? null;
export const VERSION = found?.version ?? '0.0.0';

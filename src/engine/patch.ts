// Unified diffs in git's format: the same renderer serves the coloured, masked dry-run output
// and the exact `--patch` file that `git apply` (or `patch -p1`) accepts from the tree root.
import { createRequire } from 'node:module';
import { quoteHcl } from '../cst/strings.js';

// `diff` is required at the first diff (later calls are module-cache lookups): imported, its two
// dozen ES modules cost the main thread ~16 ms at start-up, also in runs that print none (--json).
const require = createRequire(import.meta.url);

/** The hunks that turn `before` into `after`, with 3 lines of context. */
function hunksOf(path: string, before: string, after: string) {
  const { structuredPatch } = require('diff') as typeof import('diff');
  return structuredPatch(`a/${path}`, `b/${path}`, before, after, '', '', { context: 3 }).hunks;
}

export interface FileDiff {
  /** Path from the tree root, forward slashes. */
  path: string;
  /** null for a new file. */
  before: string | null;
  after: string;
  /** Mode of a new file (git knows 100644 and 100755 only). */
  mode?: number;
}

export interface DiffStyle {
  color: boolean;
  /** Secret values to mask; empty for an exact patch. */
  secrets: readonly string[];
}

const MASK = '********';

const paint = (on: boolean, code: string, s: string): string => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

/**
 * Replaces secret values in one line of output. Values of four characters or more are masked
 * wherever they occur; shorter ones only as a whole quoted string, so masking stays readable.
 */
export function maskLine(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const secret of secrets) {
    for (const piece of secret.split(/\r?\n/)) {
      if (piece.trim() === '') continue;
      if (piece.length >= 4) out = out.split(piece).join(MASK);
      else out = out.split(quoteHcl(piece)).join(`"${MASK}"`);
    }
    const quoted = quoteHcl(secret).slice(1, -1);
    if (quoted.length >= 4 && quoted !== secret) out = out.split(quoted).join(MASK);
  }
  return out;
}

export function renderDiff(d: FileDiff, style: DiffStyle): string {
  const hunks = hunksOf(d.path, d.before ?? '', d.after);
  const out: string[] = [];
  const header = (s: string): void => {
    out.push(paint(style.color, '1', s));
  };
  header(`diff --git a/${d.path} b/${d.path}`);
  if (d.before === null) header(`new file mode ${d.mode !== undefined && d.mode & 0o100 ? '100755' : '100644'}`);
  header(d.before === null ? '--- /dev/null' : `--- a/${d.path}`);
  header(`+++ b/${d.path}`);
  for (const h of hunks) {
    const oldStart = h.oldLines === 0 ? h.oldStart - 1 : h.oldStart;
    const newStart = h.newLines === 0 ? h.newStart - 1 : h.newStart;
    out.push(paint(style.color, '36', `@@ -${oldStart},${h.oldLines} +${newStart},${h.newLines} @@`));
    for (const raw of h.lines) {
      const line = style.secrets.length > 0 ? maskLine(raw, style.secrets) : raw;
      const c = line[0];
      out.push(c === '+' ? paint(style.color, '32', line) : c === '-' ? paint(style.color, '31', line) : line);
    }
  }
  return out.join('\n') + '\n';
}

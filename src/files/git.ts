// The little tfcodemod asks of git: where the work tree starts, and whether files are dirty.
import { execFileSync } from 'node:child_process';

function git(cwd: string, args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

/** The top of the git work tree holding `dir`, or null outside git (or without git). */
export function gitTopLevel(dir: string): string | null {
  const out = git(dir, ['rev-parse', '--show-toplevel']);
  return out ? out.trim() : null;
}

/** Paths (relative to `top`) under `paths` with uncommitted or untracked changes. */
export function dirtyPaths(top: string, paths: string[]): string[] {
  const out = git(top, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...paths]);
  if (out === null) return [];
  return out
    .split('\0')
    .filter((entry) => entry.length > 3)
    .map((entry) => entry.slice(3));
}

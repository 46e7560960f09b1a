// Which scanned modules are called by others (child modules) and which are roots. This runs
// before any module is parsed, over the raw text, so it is a deliberately cheap scan for
// `source = "./..."` / `"../..."` lines; a false match can only make a module look like a child,
// which keeps root-only changes (a backend) away from it, never the reverse.
import path from 'node:path';

const LOCAL_SOURCE = /^[ \t]*source[ \t]*=[ \t]*"(\.\.?\/[^"]*)"/gm;

export function localSourcesIn(text: string): string[] {
  return [...text.matchAll(LOCAL_SOURCE)].map((m) => m[1]!);
}

/**
 * Module paths (forward slashes, from the tree root) called by another scanned module.
 * `sources` maps a module path to the local sources its files name.
 */
export function calledModules(sources: ReadonlyMap<string, string[]>): Set<string> {
  const called = new Set<string>();
  for (const [caller, list] of sources) {
    for (const s of list) {
      const target = path.posix.normalize(path.posix.join(caller === '.' ? '' : caller, s)).replace(/\/$/, '') || '.';
      if (target !== caller) called.add(target);
    }
  }
  return called;
}

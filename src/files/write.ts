// All-or-nothing writing. Every file is first written to a temporary file in its own directory
// (same file system, so rename is atomic); only when every temporary file is in place, and no
// target changed on disk since it was read, are they renamed over their targets. Any failure
// before that point removes the temporary files and leaves the tree as it was.
import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { describeFsError } from './discover.js';
import { fingerprintOf } from './load.js';

export interface PlannedWrite {
  /** Absolute target path. */
  path: string;
  text: string;
  /** Mode for a new file (an existing file keeps its own). */
  mode?: number;
  /**
   * What must be on disk right before the write: the fingerprint of the bytes that were read,
   * or null when the file must not exist yet.
   */
  expected: string | null;
}

export class WriteError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'WriteError';
  }
}

async function currentFingerprint(p: string): Promise<string | null> {
  try {
    return fingerprintOf(await fs.readFile(p));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Writes all files or none. `display` turns an absolute path into what messages show. */
export async function writeAll(writes: PlannedWrite[], display: (p: string) => string = (p) => p): Promise<void> {
  const staged: { tmp: string; target: string; backup: string | null }[] = [];
  /** Directories created for new files (secrets/), removed again if the write fails. */
  const createdDirs: string[] = [];
  const cleanup = async (): Promise<void> => {
    await Promise.all(staged.map((s) => fs.rm(s.tmp, { force: true })));
    for (const d of createdDirs.reverse()) await fs.rmdir(d).catch(() => undefined);
  };
  try {
    for (const w of writes) {
      // Write through symlinks to the file they point at.
      let target = w.path;
      try {
        target = await fs.realpath(w.path);
      } catch {
        /* a new file */
      }
      let mode = w.mode ?? 0o644;
      try {
        const st = await fs.stat(target);
        mode = st.mode & 0o7777;
        await fs.access(target, constants.W_OK);
        if ((st.mode & 0o222) === 0) throw Object.assign(new Error('read-only'), { code: 'EACCES' });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT') throw new WriteError(display(w.path), code === 'EACCES' || code === 'EPERM' ? 'file is read-only; nothing was written' : `${describeFsError(e)}; nothing was written`);
      }
      const first = await fs.mkdir(path.dirname(target), { recursive: true }).catch((e: unknown) => {
        throw new WriteError(display(w.path), `cannot create its directory (${describeFsError(e)}); nothing was written`);
      });
      if (first !== undefined) {
        for (let d = path.dirname(target); ; d = path.dirname(d)) {
          createdDirs.push(d);
          if (d === first || path.dirname(d) === d) break;
        }
        createdDirs.reverse();
      }
      const tmp = path.join(path.dirname(target), `.${path.basename(target)}.tfcodemod-${randomBytes(4).toString('hex')}.tmp`);
      try {
        const handle = await fs.open(tmp, 'wx', mode);
        staged.push({ tmp, target, backup: null });
        try {
          await handle.writeFile(w.text, 'utf8');
          await handle.chmod(mode);
          await handle.sync();
        } finally {
          await handle.close();
        }
      } catch (e) {
        throw new WriteError(display(w.path), `cannot write (${describeFsError(e)}); nothing was written`);
      }
    }
    for (const w of writes) {
      const now = await currentFingerprint(w.path).catch(() => 'unreadable');
      if (now !== w.expected) {
        throw new WriteError(
          display(w.path),
          w.expected === null ? 'was created by someone else since the run started; nothing was written' : 'changed on disk since it was read; nothing was written',
        );
      }
    }
  } catch (e) {
    await cleanup();
    throw e;
  }
  // Commit: keep hard links to the originals so a failed rename can be rolled back.
  for (const s of staged) {
    try {
      const backup = `${s.tmp}.orig`;
      await fs.link(s.target, backup);
      s.backup = backup;
    } catch {
      s.backup = null;
    }
  }
  const done: typeof staged = [];
  try {
    for (const s of staged) {
      await fs.rename(s.tmp, s.target);
      done.push(s);
    }
  } catch (e) {
    for (const s of done.reverse()) {
      if (s.backup) await fs.rename(s.backup, s.target).catch(() => undefined);
      else await fs.rm(s.target, { force: true });
    }
    await cleanup();
    throw new WriteError(display(staged[done.length]?.target ?? ''), `rename failed (${describeFsError(e)}); changes were rolled back`);
  } finally {
    await Promise.all(staged.map((s) => (s.backup ? fs.rm(s.backup, { force: true }) : undefined)));
  }
}

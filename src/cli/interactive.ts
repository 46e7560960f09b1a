// `tfcodemod -i`: every module is processed once with each change's own diff recorded, the
// review runs in the terminal, and the accepted changes are then processed again (the rest
// rejected, so `requires` holds) and written exactly as --write writes: verified, all or
// nothing, and refused for a file that changed on disk since the review read it.
import { processModule, type ModuleJob, type ModuleResult } from '../engine/pipeline.js';
import type { RunSettings } from '../engine/runner.js';
import { isTfmigrateFile } from '../engine/tfmigrate.js';
import { ReviewSession } from '../review/session.js';
import type { RunOutputs } from './outputs.js';
import { EXIT } from './outputs.js';
import { errorLine, type SummaryStyle } from './summary.js';

export interface InteractiveRun {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  jobs: ModuleJob[];
  settings: RunSettings;
  err: (s: string) => void;
  /** Outputs that write (the summary on stderr, nothing on stdout). */
  writer: () => RunOutputs;
  treeErrors: { file: string; message: string }[];
  /** How paths and severities are shown (as in the summary). */
  style: SummaryStyle;
  /** Verify the rewrite before writing (not --no-verify). */
  verify: boolean;
}

/** Why -i cannot run here, or null. */
export function interactiveProblem(stdin: { isTTY?: boolean } | undefined, stdout: { isTTY?: boolean }): string | null {
  if (stdin?.isTTY !== true || stdout.isTTY !== true) return '-i needs a terminal on stdin and stdout; without one, preview with tfcodemod, save --patch FILE, or read --json';
  return null;
}

export async function runInteractive(r: InteractiveRun): Promise<number> {
  // Only changes the review showed may apply: rejecting one can make another possible (a fold of
  // the copies a rejected merge leaves), which the person has not seen.
  const withDecisions = (job: ModuleJob, rejected: ReadonlySet<string>, acceptedOnly: ReadonlySet<string>, verify: boolean, previews = false): Promise<ModuleResult> =>
    processModule({ ...job, verify }, { ...r.settings, previews, decisions: { ...r.settings.decisions, rejected, acceptedOnly } });

  r.err(`tfcodemod: reading ${r.jobs.length} module${r.jobs.length === 1 ? '' : 's'}…`);
  const first: ModuleResult[] = [];
  for (const job of r.jobs) first.push(await processModule({ ...job, verify: false }, { ...r.settings, previews: true }));
  const problems = first.flatMap((m) => m.errors.map((e) => errorLine(m, e, r.style)));
  for (const p of problems) r.err(p);
  const session = new ReviewSession(first.filter((m) => m.changes.length > 0));
  // A module skipped as invalid makes the run fail, whatever the review decides (as a dry run does).
  const skipped = problems.length > 0 || r.treeErrors.length > 0;
  if (session.items.length === 0) {
    r.err('tfcodemod: nothing to review: no module has a change');
    return skipped ? EXIT.error : EXIT.ok;
  }

  const jobOf = new Map(r.jobs.map((j) => [j.path, j]));
  const loadMigration = async (module: string): Promise<string | null> => {
    const job = jobOf.get(module)!;
    const rejected = session.notAccepted(module);
    if (rejected.size === session.items.filter((i) => i.module === module).length) return null;
    const result = await withDecisions(job, rejected, session.accepted(module), false);
    const artifacts = result.outputs.filter((o) => o.abs === job.migrationScript || isTfmigrateFile(job.dir, o.abs));
    if (artifacts.length === 0) return null;
    return session.mask(artifacts.map((o) => (artifacts.length > 1 ? `# ${o.display}\n${o.after}` : o.after)).join('\n'));
  };

  const refreshPreviews = async (module: string, rejected: ReadonlySet<string>): Promise<void> => {
    session.updatePreviews(await withDecisions(jobOf.get(module)!, rejected, session.inPlay(module), false, true));
  };

  // Ink draws only a last frame when it believes it runs in CI (CI=true, read when it loads); -i
  // has a terminal on both ends, so it is interactive whatever CI says. Hence the late import.
  for (const k of ['CI', 'CONTINUOUS_INTEGRATION']) if (k in process.env) process.env[k] = 'false';
  const [{ render }, { createElement }, { ReviewApp }] = await Promise.all([import('ink'), import('react'), import('../tui/ReviewApp.js')]);

  let outcome: 'write' | 'quit' = 'quit';
  const app = render(createElement(ReviewApp, { session, loadMigration, refreshPreviews, onDone: (o: 'write' | 'quit') => void (outcome = o) }), {
    stdin: r.stdin,
    stdout: r.stdout,
    exitOnCtrlC: true,
    patchConsole: false,
  });
  await app.waitUntilExit();
  if (outcome === 'quit') {
    r.err(`tfcodemod: quit; nothing was written${skipped ? ` (and ${problems.length === 1 ? 'a module was' : 'modules were'} skipped as invalid, above)` : ''}`);
    return skipped ? EXIT.error : EXIT.ok;
  }

  // The accepted changes, processed again with every other change rejected.
  const read = new Map(first.flatMap((m) => m.outputs.map((o) => [o.abs, o.expected] as const)));
  const outputs = r.writer();
  const modules = session.modulesToWrite();
  for (const module of modules) {
    const result = await withDecisions(jobOf.get(module)!, session.notAccepted(module), session.accepted(module), r.verify);
    // A file that changed on disk since the review read it is refused by the writer.
    result.outputs = result.outputs.map((o) => (read.has(o.abs) ? { ...o, expected: read.get(o.abs)! } : o));
    outputs.add(result);
  }
  const code = await outputs.finish(r.treeErrors, modules.length);
  return skipped ? EXIT.error : code;
}

// Modules are independent, so large trees spread over worker threads. The pool hands jobs to
// workers, several at a time each; callers get results back as promises and decide the order
// they use them in, and may take queued jobs back to run themselves.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CompiledHclChecker } from './hcl-validity.js';
import type { ModuleJob, ModuleResult } from './pipeline.js';
import type { RunSettings } from './runner.js';
import type { OptionValues } from './types.js';

/** What a worker needs to rebuild the run's settings (everything structured-cloneable). */
export interface PoolSetup {
  transformIds: string[];
  options: [string, OptionValues][];
  facts: [string, unknown][];
  decisions: { rejected: string[]; behaviourFrom: string[] };
}

/**
 * HashiCorp's parser, compiled once by the main thread for every worker (see
 * compileHclChecker), sent when ready: workers parse and transform meanwhile, and wait for it
 * only at their first check; `hclCheckerError` when compiling failed (the jobs that check report it).
 */
export type HclCheckerMessage = { hclChecker: CompiledHclChecker } | { hclCheckerError: string };

/**
 * Where the workers' code is: the built module-worker.js, and the module exporting the transform
 * registry (`transforms`), as URLs. The entry point knows both from its own place (in dist/src
 * and in the bundle alike); the workers load the registry the main thread was given.
 */
export interface WorkerCode {
  worker: URL;
  registry: string;
}

/** Workers can run only from compiled JavaScript (not from the TypeScript sources under test). */
function workersAvailable(code: WorkerCode): boolean {
  return code.worker.protocol === 'file:' && existsSync(fileURLToPath(code.worker));
}

/**
 * How many worker threads a run over `modules` modules should use, besides this thread (which
 * takes jobs too): none for small trees (starting a worker costs more than it saves), else one
 * thread per core, at most four (each holds its own parsers). TFCODEMOD_WORKERS overrides, and
 * is an error where workers cannot start (so a build that lost its worker is found, not
 * silently run on one thread).
 */
export function workerCount(modules: number, env: NodeJS.ProcessEnv, code: WorkerCode): number {
  const forced = env.TFCODEMOD_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) {
    if (Number(forced) > 0 && !workersAvailable(code)) throw new Error(`TFCODEMOD_WORKERS=${forced}, but this build has no worker thread (${code.worker.href} is missing)`);
    return Number(forced);
  }
  if (!workersAvailable(code)) return 0;
  if (modules < 24) return 0;
  return Math.max(1, Math.min(4, availableParallelism(), Math.ceil(modules / 12)) - 1);
}

export function poolSetup(settings: RunSettings): PoolSetup {
  return {
    transformIds: settings.transforms.map((t) => t.id),
    options: [...settings.options],
    facts: [...settings.facts],
    decisions: { rejected: [...settings.decisions.rejected], behaviourFrom: [...settings.decisions.behaviourFrom] },
  };
}

/** Jobs a worker holds at once: the next is there when one ends, even while this thread is busy. */
const DEPTH = 6;

/** A job taken back from the pool's queue, to be run by the caller. */
export interface TakenJob {
  job: ModuleJob;
  /** Settles the promise `process` returned for the job. */
  settle(result: Promise<ModuleResult>): void;
}

export class ModulePool {
  private readonly workers: Worker[] = [];
  /** Jobs each worker holds (sent, not yet answered). */
  private readonly held = new Map<Worker, number>();
  private readonly queue: { id: number; job: ModuleJob }[] = [];
  private readonly pending = new Map<number, { resolve: (r: ModuleResult) => void; reject: (e: Error) => void }>();
  private nextId = 0;

  /**
   * Starts `size` workers; they load the registry and tree-sitter while the run is still being
   * prepared.
   */
  constructor(size: number, code: WorkerCode) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(code.worker, { workerData: { registry: code.registry } });
      w.on('message', (msg: { id: number; result?: ModuleResult; error?: string }) => {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error !== undefined) p?.reject(new Error(msg.error));
        else p?.resolve(msg.result!);
        this.held.set(w, this.held.get(w)! - 1);
        this.dispatch();
      });
      w.on('error', (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      this.workers.push(w);
      this.held.set(w, 0);
    }
  }

  /** Gives every worker the run's settings; jobs may be sent right after. */
  configure(setup: PoolSetup): void {
    for (const w of this.workers) w.postMessage({ setup });
  }

  /** Gives every worker HashiCorp's parser once compiled (or why it could not be). */
  provideHclChecker(compiled: Promise<CompiledHclChecker>): void {
    void compiled.then(
      (hclChecker) => this.workers.forEach((w) => w.postMessage({ hclChecker } satisfies HclCheckerMessage)),
      (e: unknown) => this.workers.forEach((w) => w.postMessage({ hclCheckerError: (e as Error)?.message ?? String(e) } satisfies HclCheckerMessage)),
    );
  }

  get size(): number {
    return this.workers.length;
  }

  process(job: ModuleJob): Promise<ModuleResult> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      this.queue.push({ id, job });
      this.dispatch();
    });
  }

  /** The oldest job no worker has been given yet, taken out of the queue; null when none. */
  take(): TakenJob | null {
    const next = this.queue.shift();
    if (!next) return null;
    const p = this.pending.get(next.id)!;
    this.pending.delete(next.id);
    return { job: next.job, settle: (result) => void result.then(p.resolve, p.reject) };
  }

  private dispatch(): void {
    for (const w of this.workers) {
      while (this.queue.length > 0 && this.held.get(w)! < DEPTH) {
        w.postMessage(this.queue.shift()!);
        this.held.set(w, this.held.get(w)! + 1);
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

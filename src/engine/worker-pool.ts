// Modules are independent, so large trees spread over worker threads. The pool hands jobs to
// idle workers; callers get results back as promises and decide the order they use them in.
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

const WORKER = new URL('./module-worker.js', import.meta.url);

/** Workers can run only from compiled JavaScript (not from the TypeScript sources under test). */
export function workersAvailable(): boolean {
  return WORKER.protocol === 'file:' && existsSync(fileURLToPath(WORKER));
}

/**
 * How many workers a run over `modules` modules should use: none for small trees (starting a
 * worker costs more than it saves), else one per core, at most four (each holds its own
 * parsers). TFCODEMOD_WORKERS overrides.
 */
export function workerCount(modules: number, env: NodeJS.ProcessEnv): number {
  if (!workersAvailable()) return 0;
  const forced = env.TFCODEMOD_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Number(forced);
  if (modules < 24) return 0;
  return Math.max(0, Math.min(4, availableParallelism(), Math.ceil(modules / 12)));
}

export function poolSetup(settings: RunSettings): PoolSetup {
  return {
    transformIds: settings.transforms.map((t) => t.id),
    options: [...settings.options],
    facts: [...settings.facts],
    decisions: { rejected: [...settings.decisions.rejected], behaviourFrom: [...settings.decisions.behaviourFrom] },
  };
}

export class ModulePool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { id: number; job: ModuleJob }[] = [];
  private readonly pending = new Map<number, { resolve: (r: ModuleResult) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  /** Resolves once every worker has compiled tree-sitter (or failed to). */
  readonly parsersReady: Promise<void>;

  /**
   * Starts `size` workers; they load the registry (`registry`: URL of the module exporting
   * `transforms`) and tree-sitter while the run is still being prepared.
   */
  constructor(size: number, registry: string) {
    const ready: Promise<void>[] = [];
    for (let i = 0; i < size; i++) {
      const w = new Worker(WORKER, { workerData: { registry } });
      let parserReady!: () => void;
      ready.push(new Promise<void>((resolve) => (parserReady = resolve)));
      w.on('message', (msg: { parserReady: true } | { id: number; result?: ModuleResult; error?: string }) => {
        if ('parserReady' in msg) return parserReady();
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error !== undefined) p?.reject(new Error(msg.error));
        else p?.resolve(msg.result!);
        this.dispatch(w);
      });
      w.on('error', (e) => {
        parserReady();
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      this.workers.push(w);
      this.idle.push(w);
    }
    this.parsersReady = Promise.all(ready).then(() => {});
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
      const w = this.idle.pop();
      if (w) this.dispatch(w);
    });
  }

  private dispatch(w: Worker): void {
    const next = this.queue.shift();
    if (next) w.postMessage(next);
    else this.idle.push(w);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

// A worker thread that processes modules. It loads the registry and starts tree-sitter as soon
// as it exists, then waits for the run's settings (the transforms and their options), then
// answers each job with processModule's result (plain data). HashiCorp's parser, compiled by the
// main thread, arrives in a message of its own; only a job's checks wait for it.
import { parentPort, workerData } from 'node:worker_threads';
import { initParser } from '../cst/parser.js';
import { startHclChecker, type CompiledHclChecker } from './hcl-validity.js';
import { processModule, type ModuleJob } from './pipeline.js';
import type { RunSettings } from './runner.js';
import type { Transform } from './transform.js';
import type { HclCheckerMessage, PoolSetup } from './worker-pool.js';

const parser = initParser();
// The main thread compiles HashiCorp's parser and sends it; a failure is reported with the jobs
// that check.
let deliver!: { resolve: (c: CompiledHclChecker) => void; reject: (e: Error) => void };
const checker = new Promise<CompiledHclChecker>((resolve, reject) => (deliver = { resolve, reject }));
startHclChecker(checker).catch(() => {});
const registry = import((workerData as { registry: string }).registry) as Promise<{ transforms: readonly Transform<unknown>[] }>;
// A failure to load it is reported when the settings are built, for each job.
registry.catch(() => {});
let settings: Promise<RunSettings> | null = null;
let jobs: Promise<unknown> = Promise.resolve();

async function configure(setup: PoolSetup): Promise<RunSettings> {
  const { transforms } = await registry;
  const byId = new Map(transforms.map((t) => [t.id, t]));
  await parser;
  return {
    transforms: setup.transformIds.map((id) => byId.get(id)!),
    options: new Map(setup.options),
    facts: new Map(setup.facts),
    decisions: { rejected: new Set(setup.decisions.rejected), behaviourFrom: new Set(setup.decisions.behaviourFrom) },
  };
}

parentPort!.on('message', (msg: { setup: PoolSetup } | HclCheckerMessage | { id: number; job: ModuleJob }) => {
  if ('hclChecker' in msg) return deliver.resolve(msg.hclChecker);
  if ('hclCheckerError' in msg) return deliver.reject(new Error(msg.hclCheckerError));
  if ('setup' in msg) {
    settings = configure(msg.setup);
    return;
  }
  // One job after another (the pool sends the next before this one ends).
  jobs = jobs
    .then(() => settings!)
    .then((s) => processModule(msg.job, s))
    .then(
      (result) => parentPort!.postMessage({ id: msg.id, result }),
      (e: unknown) => parentPort!.postMessage({ id: msg.id, error: (e as Error)?.message ?? String(e) }),
    );
});

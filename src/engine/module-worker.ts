// A worker thread that processes modules. It loads the registry and starts tree-sitter as soon
// as it exists, then waits for the run's settings (the transforms and their options, HashiCorp's
// parser compiled by the main thread), then answers each job with processModule's result (plain
// data).
import { parentPort, workerData } from 'node:worker_threads';
import { initParser } from '../cst/parser.js';
import { startHclChecker } from './hcl-validity.js';
import { processModule, type ModuleJob } from './pipeline.js';
import type { RunSettings } from './runner.js';
import type { Transform } from './transform.js';
import type { PoolSetup } from './worker-pool.js';

const parser = initParser();
// The main thread compiles HashiCorp's parser once every worker's tree-sitter is compiled (see
// compileHclChecker); a failure here is reported with the first job.
void parser.then(
  () => parentPort!.postMessage({ parserReady: true }),
  () => parentPort!.postMessage({ parserReady: true }),
);
const registry = import((workerData as { registry: string }).registry) as Promise<{ transforms: readonly Transform<unknown>[] }>;
// A failure to load it is reported when the settings are built, for each job.
registry.catch(() => {});
let settings: Promise<RunSettings> | null = null;

async function configure(setup: PoolSetup): Promise<RunSettings> {
  const { transforms } = await registry;
  const byId = new Map(transforms.map((t) => [t.id, t]));
  await Promise.all([parser, startHclChecker(setup.hclChecker)]);
  return {
    transforms: setup.transformIds.map((id) => byId.get(id)!),
    options: new Map(setup.options),
    facts: new Map(setup.facts),
    decisions: { rejected: new Set(setup.decisions.rejected), behaviourFrom: new Set(setup.decisions.behaviourFrom) },
  };
}

parentPort!.on('message', (msg: { setup: PoolSetup } | { id: number; job: ModuleJob }) => {
  if ('setup' in msg) {
    settings = configure(msg.setup);
    return;
  }
  settings!
    .then((s) => processModule(msg.job, s))
    .then(
      (result) => parentPort!.postMessage({ id: msg.id, result }),
      (e: unknown) => parentPort!.postMessage({ id: msg.id, error: (e as Error)?.message ?? String(e) }),
    );
});

// HashiCorp's own HCL parser decides what is valid: hclcheck/ is hashicorp/hcl's
// hclsyntax.ParseConfig (the call Terraform makes for a .tf file) compiled to WebAssembly, with
// nothing else. tree-sitter-hcl builds the tree that is edited, but it accepts some invalid HCL
// (repeated attributes, multi-line quoted strings) and rejects some valid HCL (`1e10`), so every
// file the tool would change is checked with this before and after.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PACKAGE_ROOT } from '../version.js';

export interface HclDiagnostic {
  line: number;
  column: number;
  message: string;
}

/** What hclcheck/main.go registers: null, or the first error's line, column, summary, detail. */
interface GoExports {
  check(filename: string, contents: string): null | [number, number, string, string];
}

/** HashiCorp's parser compiled (a WebAssembly module, which worker threads can be sent). */
export type CompiledHclChecker = object & { readonly __wasm: true };

// The little of the WebAssembly API used here (the project's TypeScript lib has no DOM types).
declare const WebAssembly: {
  compile(bytes: Uint8Array): Promise<CompiledHclChecker>;
  instantiate(module: CompiledHclChecker, imports: object): Promise<object>;
};

interface GoRuntime {
  importObject: { gojs: Record<string, (sp: number) => void> };
  run(instance: object): Promise<void>;
  // wasm_exec.cjs's own bookkeeping of the timers Go asks for (see unrefGoTimers).
  _scheduledTimeouts: Map<number, NodeJS.Timeout>;
  _nextCallbackTimeoutID: number;
}

const require = createRequire(import.meta.url);
let compiled: Promise<CompiledHclChecker> | null = null;
let started: Promise<GoExports> | null = null;

/** hclcheck/ in the package. */
function hclcheckDir(): string {
  const dir = PACKAGE_ROOT === null ? null : path.join(PACKAGE_ROOT, 'hclcheck');
  if (dir === null || !existsSync(path.join(dir, 'hclcheck.wasm'))) throw new Error('hclcheck/hclcheck.wasm is missing from the tfcodemod package');
  return dir;
}

/**
 * Go's WebAssembly runtime (the JavaScript half, from the Go that built hclcheck), loaded once.
 * Its file sets globalThis.Go; the class is kept here and the global put back, so another Go
 * program in the process (the tests load @cdktf/hcl2json as an oracle) keeps its own runtime.
 */
let goRuntime: (new () => GoRuntime) | null = null;
function goRuntimeClass(): new () => GoRuntime {
  if (!goRuntime) {
    const g = globalThis as { Go?: unknown };
    const had = 'Go' in g;
    const previous = g.Go;
    delete g.Go;
    require(path.join(hclcheckDir(), 'wasm_exec.cjs'));
    goRuntime = g.Go as new () => GoRuntime;
    if (had) g.Go = previous;
    else delete g.Go;
    if (typeof goRuntime !== 'function') throw new Error('hclcheck/wasm_exec.cjs did not define Go');
  }
  return goRuntime;
}

/**
 * Compiles HashiCorp's parser (hclcheck/hclcheck.wasm), once per thread unless
 * startHclChecker was given the module another thread compiled; threads started from one
 * compiled module share its machine code. (How V8 compiles it, the CLI tunes: src/cli/v8-flags.ts.)
 */
export function compileHclChecker(): Promise<CompiledHclChecker> {
  // Read at once (about 30 ms): read asynchronously, the file advanced only when this thread
  // waited for something, and a busy main thread kept the workers waiting for it.
  compiled ??= (async () => WebAssembly.compile(readFileSync(path.join(hclcheckDir(), 'hclcheck.wasm'))))();
  return compiled;
}

/**
 * Starts HashiCorp's parser in this thread, from `compiledElsewhere` when another thread
 * compiles it (checks wait for it); only runs that check something pay for it.
 */
export function startHclChecker(compiledElsewhere?: Promise<CompiledHclChecker>): Promise<unknown> {
  if (compiledElsewhere) compiled ??= compiledElsewhere;
  return goChecker();
}

/** This thread's running parser, started once. */
function goChecker(): Promise<GoExports> {
  started ??= (async () => {
    const module = await compileHclChecker();
    const runtime = new (goRuntimeClass())();
    unrefGoTimers(runtime);
    const instance = await WebAssembly.instantiate(module, runtime.importObject);
    // The Go program registers check on this object as it starts, before run() returns control.
    const exported: Partial<GoExports> = {};
    (globalThis as { __tfcodemod_hclcheck__?: unknown }).__tfcodemod_hclcheck__ = exported;
    void runtime.run(instance);
    if (typeof exported.check !== 'function') throw new Error('hclcheck did not start (no check function)');
    return exported as GoExports;
  })();
  return started;
}

/**
 * Go's runtime asks JavaScript for timers of its own (its garbage collector's background work,
 * up to a second ahead). Checks are synchronous calls that never wait for one, so they must not
 * keep the process alive: a run that had ended still waited for the last of them to fire (up to
 * a second). wasm_exec.cjs keeps each timer in `_scheduledTimeouts` under the id it hands Go.
 */
function unrefGoTimers(runtime: GoRuntime): void {
  const imports = runtime.importObject.gojs;
  const schedule = imports['runtime.scheduleTimeoutEvent'];
  if (typeof schedule !== 'function' || !(runtime._scheduledTimeouts instanceof Map)) throw new Error('hclcheck/wasm_exec.cjs has no runtime.scheduleTimeoutEvent to wrap');
  imports['runtime.scheduleTimeoutEvent'] = (sp) => {
    schedule(sp);
    runtime._scheduledTimeouts.get(runtime._nextCallbackTimeoutID - 1)?.unref();
  };
}

/**
 * Verdicts by content alone (the file name only labels HashiCorp's ranges, which the verdict
 * does not carry): legacy trees repeat the same files (providers.tf, versions.tf) in many
 * modules, under one name or another, and a file is checked before and after. Bounded, per
 * thread.
 */
const verdicts = new Map<string, HclDiagnostic | null>();
const MAX_VERDICTS = 4096;

/** Null when HashiCorp's parser accepts the text, else its first error. */
export async function checkHcl(name: string, text: string): Promise<HclDiagnostic | null> {
  const key = createHash('sha1').update(text).digest('base64');
  if (verdicts.has(key)) return verdicts.get(key)!;
  const verdict = await check(name, text);
  if (verdicts.size >= MAX_VERDICTS) verdicts.delete(verdicts.keys().next().value!);
  verdicts.set(key, verdict);
  return verdict;
}

async function check(name: string, text: string): Promise<HclDiagnostic | null> {
  const go = await goChecker();
  const error = go.check(path.basename(name), text);
  if (error === null) return null;
  const [line, column, summary, detail] = error;
  return { line, column, message: detail ? `${summary}: ${detail}` : summary };
}

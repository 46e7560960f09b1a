// HashiCorp's own HCL parser decides what is valid: hclcheck/ is hashicorp/hcl's
// hclsyntax.ParseConfig (the call Terraform makes for a .tf file) compiled to WebAssembly, with
// nothing else. tree-sitter-hcl builds the tree that is edited, but it accepts some invalid HCL
// (repeated attributes, multi-line quoted strings) and rejects some valid HCL (`1e10`), so every
// file the tool would change is checked with this before and after.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { gunzipSync } from 'node:zlib';
import { initParser } from '../cst/parser.js';
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

/** A compiled WebAssembly module, which worker threads can be sent. */
type WasmModule = object & { readonly __wasm: true };

/**
 * HashiCorp's parser compiled twice (see compileHclChecker): for V8's baseline tier only, and
 * for its usual tiers (baseline, then optimised where hot).
 */
export interface CompiledHclChecker {
  readonly baseline: WasmModule;
  readonly optimised: WasmModule;
}

// The little of the WebAssembly API used here (the project's TypeScript lib has no DOM types).
declare const WebAssembly: {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  instantiate(module: WasmModule, imports: object): Promise<object>;
};

interface GoRuntime {
  importObject: object;
  run(instance: object): Promise<void>;
}

const require = createRequire(import.meta.url);
let compiled: Promise<CompiledHclChecker> | null = null;
const instances: { baseline?: Promise<GoExports>; optimised?: Promise<GoExports> } = {};
/** Characters this thread has checked: past SWITCH_AT, the optimised copy takes over. */
let checked = 0;
const SWITCH_AT = 250_000;

/** `bytes` with an empty custom section named `name` appended: the same code, another module. */
function withCustomSection(bytes: Uint8Array, name: string): Uint8Array {
  const label = Buffer.from(name, 'utf8');
  if (label.length > 100) throw new Error('custom section name too long');
  return Buffer.concat([bytes, Buffer.from([0, label.length + 1, label.length]), label]);
}

/** hclcheck/ in the package. */
function hclcheckDir(): string {
  const dir = PACKAGE_ROOT === null ? null : path.join(PACKAGE_ROOT, 'hclcheck');
  if (dir === null || !existsSync(path.join(dir, 'hclcheck.wasm.gz'))) throw new Error('hclcheck/hclcheck.wasm.gz is missing from the tfcodemod package');
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
 * Compiles HashiCorp's parser (hclcheck/hclcheck.wasm.gz), once per thread unless
 * startHclChecker was given the modules another thread compiled; threads started from the
 * compiled modules share their machine code.
 *
 * V8 optimising this module's large Go functions costs more CPU than it saves until a few
 * hundred thousand characters are checked (a plain run over a tree where few modules change
 * checks less than that), and saves more beyond. So there are two copies: one compiled for the
 * baseline tier only (Liftoff), used first, and one with the usual tiers, which takes over in a
 * thread past SWITCH_AT characters. V8 fixes a module's tiers from its flags when it compiles
 * it, and the flag is process-wide: tree-sitter's modules (which need the optimising tier) must
 * all be compiled before it is set: this thread's here (initParser), the workers' before the
 * caller calls this (ModulePool.parsersReady).
 */
export function compileHclChecker(): Promise<CompiledHclChecker> {
  compiled ??= (async () => {
    const bytes = gunzipSync(await readFile(path.join(hclcheckDir(), 'hclcheck.wasm.gz')));
    await initParser();
    const optimised = await WebAssembly.compile(bytes);
    setFlagsFromString('--liftoff-only');
    // V8 would hand back the first module for the same bytes: the custom section makes them differ.
    const baseline = await WebAssembly.compile(withCustomSection(bytes, 'tfcodemod-baseline-tier'));
    return { baseline, optimised };
  })();
  return compiled;
}

/**
 * Starts HashiCorp's parser in this thread, from `compiledElsewhere` when another thread
 * compiles it (checks wait for it); only runs that check something pay for it.
 */
export function startHclChecker(compiledElsewhere?: Promise<CompiledHclChecker>): Promise<unknown> {
  if (compiledElsewhere) compiled ??= compiledElsewhere;
  return instance('baseline');
}

function instance(tier: 'baseline' | 'optimised'): Promise<GoExports> {
  instances[tier] ??= (async () => {
    const module = (await compileHclChecker())[tier];
    const runtime = new (goRuntimeClass())();
    const started = await WebAssembly.instantiate(module, runtime.importObject);
    // The Go program registers check on this object as it starts, before run() returns control.
    const exported: Partial<GoExports> = {};
    (globalThis as { __tfcodemod_hclcheck__?: unknown }).__tfcodemod_hclcheck__ = exported;
    void runtime.run(started);
    if (typeof exported.check !== 'function') throw new Error('hclcheck did not start (no check function)');
    return exported as GoExports;
  })();
  return instances[tier];
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
  checked += text.length;
  const tier = checked > SWITCH_AT ? 'optimised' : 'baseline';
  const go = await instance(tier);
  // The baseline copy is not used again: its memory can go.
  if (tier === 'optimised') delete instances.baseline;
  const error = go.check(path.basename(name), text);
  if (error === null) return null;
  const [line, column, summary, detail] = error;
  return { line, column, message: detail ? `${summary}: ${detail}` : summary };
}

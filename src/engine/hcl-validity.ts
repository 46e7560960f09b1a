// HashiCorp's own HCL parser decides what is valid (through @cdktf/hcl2json, which runs
// hashicorp/hcl compiled to WebAssembly). tree-sitter-hcl builds the tree that is edited, but it
// accepts some invalid HCL (repeated attributes, multi-line quoted strings) and rejects some
// valid HCL (`1e10`), so every file the tool would change is checked with this before and after.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { gunzipSync } from 'node:zlib';
import { initParser } from '../cst/parser.js';

export interface HclDiagnostic {
  line: number;
  column: number;
  message: string;
}

type Callback = (error: string | null, json?: string) => void;
interface GoExports {
  parse(filename: string, contents: string, done: Callback): void;
}
interface Bridge {
  parse(filename: string, contents: string): Promise<unknown>;
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
const instances: { baseline?: Promise<GoExports | null>; optimised?: Promise<GoExports | null> } = {};
let bridge: Bridge | null = null;
/** Characters this thread has checked: past SWITCH_AT, the optimised copy takes over. */
let checked = 0;
const SWITCH_AT = 250_000;

/** `bytes` with an empty custom section named `name` appended: the same code, another module. */
function withCustomSection(bytes: Uint8Array, name: string): Uint8Array {
  const label = Buffer.from(name, 'utf8');
  if (label.length > 100) throw new Error('custom section name too long');
  return Buffer.concat([bytes, Buffer.from([0, label.length + 1, label.length]), label]);
}

/**
 * Compiles HashiCorp's parser (the package's gzipped Go WebAssembly), once per thread unless
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
    const file = path.join(path.dirname(require.resolve('@cdktf/hcl2json/package.json')), 'main.wasm.gz');
    const bytes = gunzipSync(await readFile(file));
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
 * compiled it; only runs that check something pay for it.
 */
export function startHclChecker(compiledElsewhere?: CompiledHclChecker): Promise<unknown> {
  if (compiledElsewhere) compiled ??= Promise.resolve(compiledElsewhere);
  return instance('baseline');
}

function instance(tier: 'baseline' | 'optimised'): Promise<GoExports | null> {
  instances[tier] ??= (async () => {
    const module = (await compileHclChecker())[tier];
    // Go's wasm_exec.js, set up the way the package's own bridge does it: it defines globalThis.Go.
    require('@cdktf/hcl2json/wasm/bridge_wasm_exec.js');
    const runtime = new (globalThis as unknown as { Go: new () => GoRuntime }).Go();
    const started = await WebAssembly.instantiate(module, runtime.importObject);
    // The Go program registers its functions on this object as it starts (before run() returns
    // control); they answer synchronously, without the bridge's Promise and JSON parsing.
    const exported: Partial<GoExports> = {};
    (globalThis as { __parse_terraform_config_wasm__?: unknown }).__parse_terraform_config_wasm__ = exported;
    void runtime.run(started);
    return typeof exported.parse === 'function' ? (exported as GoExports) : null;
  })();
  return instances[tier];
}

/**
 * Verdicts by content: legacy trees repeat the same files (providers.tf, versions.tf) in many
 * modules, and a file is checked before and after. Bounded, per thread.
 */
const verdicts = new Map<string, HclDiagnostic | null>();
const MAX_VERDICTS = 4096;

/** Null when HashiCorp's parser accepts the text, else its first diagnostic. */
export async function checkHcl(name: string, text: string): Promise<HclDiagnostic | null> {
  const key = `${name}\0${createHash('sha1').update(text).digest('base64')}`;
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
  // Only the base name is passed, so diagnostics can be found in the message unambiguously.
  const label = name.replace(/[^A-Za-z0-9._-]/g, '_');
  if (go) {
    let failure: string | null = null;
    let answered = false;
    go.parse(label, text, (error) => {
      answered = true;
      failure = error;
    });
    if (answered) return failure === null ? null : parseDiagnostic(label, failure);
  }
  try {
    bridge ??= require('@cdktf/hcl2json') as Bridge;
    await bridge.parse(label, text);
    return null;
  } catch (e) {
    return parseDiagnostic(label, String((e as Error)?.message ?? e));
  }
}

/**
 * hcl2json reports `parse config: [a.tf:2,1-2: Summary; Detail. a.tf:5,3-4: ...]`. The first
 * diagnostic's position and text are kept.
 */
export function parseDiagnostic(label: string, message: string): HclDiagnostic {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const at = new RegExp(`${escaped}:(\\d+),(\\d+)(?:-(?:\\d+,)?\\d+)?: `, 'g');
  const first = at.exec(message);
  if (!first) return { line: 1, column: 1, message: message.replace(/^parse config: /, '') };
  const from = first.index + first[0].length;
  const next = at.exec(message);
  let text = message.slice(from, next ? next.index : undefined).trim();
  text = text.replace(/\]$/, '').trim().replace(/;\s*/, ': ');
  return { line: Number(first[1]), column: Number(first[2]), message: text };
}

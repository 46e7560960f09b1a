// HashiCorp's own HCL parser decides what is valid (through @cdktf/hcl2json, which runs
// hashicorp/hcl compiled to WebAssembly). tree-sitter-hcl builds the tree that is edited, but it
// accepts some invalid HCL (repeated attributes, multi-line quoted strings) and rejects some
// valid HCL (`1e10`), so every file the tool would change is checked with this before and after.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

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

/** HashiCorp's parser compiled: a WebAssembly.Module, which worker threads can be sent. */
export type CompiledHclChecker = object & { readonly __compiled: 'hcl2json' };

// The little of the WebAssembly API used here (the project's TypeScript lib has no DOM types).
declare const WebAssembly: {
  compile(bytes: Uint8Array): Promise<CompiledHclChecker>;
  instantiate(module: CompiledHclChecker, imports: object): Promise<object>;
};

interface GoRuntime {
  importObject: object;
  run(instance: object): Promise<void>;
}

const require = createRequire(import.meta.url);
let compiled: Promise<CompiledHclChecker> | null = null;
let ready: Promise<GoExports | null> | null = null;
let go: GoExports | null = null;
let bridge: Bridge | null = null;

/**
 * Compiles HashiCorp's parser (the package's gzipped Go WebAssembly), once per thread. Threads
 * started from one compiled module share its machine code: only the first pays for compiling
 * it and for optimising its hot functions, a warm-up that costs more than checking a module.
 */
export function compileHclChecker(): Promise<CompiledHclChecker> {
  compiled ??= (async () => {
    const file = path.join(path.dirname(require.resolve('@cdktf/hcl2json/package.json')), 'main.wasm.gz');
    return WebAssembly.compile(gunzipSync(await readFile(file)));
  })();
  return compiled;
}

/**
 * Starts HashiCorp's parser once per thread, from `module` when another thread compiled it;
 * only runs that check something pay for it.
 */
export function startHclChecker(module?: CompiledHclChecker): Promise<unknown> {
  ready ??= (async () => {
    // Go's wasm_exec.js, set up the way the package's own bridge does it: it defines globalThis.Go.
    require('@cdktf/hcl2json/wasm/bridge_wasm_exec.js');
    const runtime = new (globalThis as unknown as { Go: new () => GoRuntime }).Go();
    const instance = await WebAssembly.instantiate(module ?? (await compileHclChecker()), runtime.importObject);
    // The Go program registers its functions on this object as it starts (before run() returns
    // control); they answer synchronously, without the bridge's Promise and JSON parsing.
    const exported: Partial<GoExports> = {};
    (globalThis as { __parse_terraform_config_wasm__?: unknown }).__parse_terraform_config_wasm__ = exported;
    void runtime.run(instance);
    go = typeof exported.parse === 'function' ? (exported as GoExports) : null;
    return go;
  })();
  return ready;
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
  await startHclChecker();
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

// V8's flags are process-wide and read as WebAssembly is compiled, and changing them in a
// running process is not supported: the CLI sets them once, before any WebAssembly exists in
// any of its threads. A preload records, in order, every flag change and every WebAssembly
// compile or instantiation of the built CLI's threads while it runs with a worker.
import { describe, expect, it } from 'vitest';
import { tempTree, tracedTfcodemod } from '../helpers.js';

const PRELOAD = `
import { appendFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { threadId } from 'node:worker_threads';
const log = process.env.TFCODEMOD_TEST_LOG;
const record = (what) => appendFileSync(log, JSON.stringify({ thread: threadId, what }) + '\\n');
const v8 = createRequire(import.meta.url)('node:v8');
const setFlags = v8.setFlagsFromString;
v8.setFlagsFromString = (flags) => (record('flags ' + flags), setFlags(flags));
syncBuiltinESMExports();
for (const name of ['compile', 'instantiate', 'compileStreaming', 'instantiateStreaming']) {
  const f = WebAssembly[name];
  WebAssembly[name] = function (...args) { record('wasm ' + name); return f.apply(this, args); };
}
const Module = WebAssembly.Module;
WebAssembly.Module = new Proxy(Module, { construct: (t, args) => (record('wasm Module'), Reflect.construct(t, args)) });
`;

describe('V8 flags', () => {
  it('are set once, by the CLI, before any thread compiles WebAssembly', () => {
    const dir = tempTree({
      'app/main.tf': 'resource "aws_db_instance" "db" {\n  password = "pw-secret-1234"\n}\n',
      'other/main.tf': 'locals {\n  a = 1\n}\n',
    });
    const r = tracedTfcodemod(PRELOAD, ['app', 'other'], dir, { TFCODEMOD_WORKERS: '1' });
    expect(r.stderr).toContain('tfcodemod: 1 change in 1 of 2 modules.');
    expect(r.code).toBe(0);
    const events = r.lines.map((l) => JSON.parse(l) as { thread: number; what: string });
    const flags = events.filter((e) => e.what.startsWith('flags '));
    expect(flags).toEqual([{ thread: 0, what: 'flags --wasm-tiering-budget=180000000' }]);
    expect(events[0]).toEqual(flags[0]);
    // Both threads compiled or instantiated WebAssembly (tree-sitter, HashiCorp's parser), all after it.
    const wasm = events.filter((e) => e.what.startsWith('wasm '));
    expect(new Set(wasm.map((e) => e.thread)).size).toBe(2);
  }, 60_000);
});

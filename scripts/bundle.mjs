// Bundles the compiled CLI (dist/src, dist/transforms: run `tsc -p tsconfig.build.json` first)
// into dist/bundle, which is what the `tfcodemod` bin runs. Loading ~110 ES modules one by one
// cost each thread (the main one and every worker) about 0.15 s of CPU; a few bundled files
// cost a third of that.
//
// Three entry points keep their paths under dist/bundle: the CLI, the worker thread and the
// transform registry (main.ts finds the other two from its own place, and the workers load the
// registry by URL). Code they share goes into chunks, so each module exists once per thread.
// npm packages stay external (loaded from node_modules as before).
//
// esbuild-wasm is esbuild built for WebAssembly: nothing platform-specific is installed.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild-wasm';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

rmSync(path.join(dist, 'bundle'), { recursive: true, force: true });
await build({
  entryPoints: ['src/cli/main.js', 'src/engine/module-worker.js', 'transforms/index.js'].map((f) => path.join(dist, f)),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  outbase: dist,
  outdir: path.join(dist, 'bundle'),
  logLevel: 'warning',
});

#!/usr/bin/env node
// Entry point: runs the command and turns any unexpected failure into one line and exit 2
// (the stack only with TFCODEMOD_DEBUG=1).
import './v8-flags.js';
import { transforms } from '../../transforms/index.js';
import { EXIT, run } from './run.js';

// A reader that stops early (`tfcodemod | head`) is not an error: the rest of the output is
// dropped and the run (a write included) finishes normally.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
});

run(
  process.argv.slice(2),
  { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env },
  transforms,
  // From this file's place: the same in dist/src and in the bundle (scripts/bundle.mjs).
  { worker: new URL('../engine/module-worker.js', import.meta.url), registry: new URL('../../transforms/index.js', import.meta.url).href },
)
  .then((code) => {
    process.exitCode = code;
  })
  .catch((e: unknown) => {
    process.stderr.write(`tfcodemod: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    if (process.env.TFCODEMOD_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
    process.exitCode = EXIT.error;
  });

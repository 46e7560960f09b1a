// Preloaded into a measured process (`node --import <this file's URL> …`, works for ESM and
// CommonJS entry points): when the process exits, writes its peak resident set size — the whole
// process, every thread and WebAssembly memory included — to the file named by
// TFCODEMOD_BENCH_RSS_FILE, as JSON `{ "maxRssBytes": n }`.
import { writeFileSync } from 'node:fs';

const out = process.env.TFCODEMOD_BENCH_RSS_FILE;
if (out) {
  process.on('exit', () => {
    // resourceUsage().maxRSS is getrusage(RUSAGE_SELF).ru_maxrss, in kilobytes.
    writeFileSync(out, JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
  });
}

// The .tf files under a directory, recursively: what the bench's measuring processes read.
import { readdirSync } from 'node:fs';
import path from 'node:path';

export function tfFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) tfFiles(abs, out);
    else if (e.isFile() && e.name.endsWith('.tf')) out.push(abs);
  }
  return out;
}

/** The directory argument of a measuring process, or exit 2 with its usage line. */
export function dirArgument(script: string): string {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write(`usage: node dist/bench/${script} DIR\n`);
    process.exit(2);
  }
  return dir;
}

// The benchmark's baseline, run as its own process: read every .tf file under a directory and
// parse it with the tool's tree-sitter setup (initParser/parseHcl from src/cst/parser.ts),
// deleting each tree. Nothing else: no index, no transforms, no HashiCorp parser, no output
// but one line of counts.
//
//   node dist/bench/parse-only.js DIR
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { initParser, parseHcl } from '../src/cst/parser.js';

function tfFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) tfFiles(abs, out);
    else if (e.isFile() && e.name.endsWith('.tf')) out.push(abs);
  }
  return out;
}

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node dist/bench/parse-only.js DIR\n');
  process.exit(2);
}
await initParser();
let files = 0;
let chars = 0;
for (const file of tfFiles(dir)) {
  const text = readFileSync(file, 'utf8');
  parseHcl(text).delete();
  files++;
  chars += text.length;
}
process.stdout.write(`${JSON.stringify({ files, chars })}\n`);

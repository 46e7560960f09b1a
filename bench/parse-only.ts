// The benchmark's baseline, run as its own process: read every .tf file under a directory and
// parse it with the tool's tree-sitter setup (initParser/parseHcl from src/cst/parser.ts),
// deleting each tree. Nothing else: no index, no transforms, no HashiCorp parser, no output
// but one line of counts.
//
//   node dist/bench/parse-only.js DIR
import { readFileSync } from 'node:fs';
import { initParser, parseHcl } from '../src/cst/parser.js';
import { dirArgument, tfFiles } from './tf-files.js';

const dir = dirArgument('parse-only.js');
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

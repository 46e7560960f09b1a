// The floor the validity contract sets, run as its own process: read every .tf file under a
// directory and check it with HashiCorp's parser the way the tool does (checkHcl, which also
// skips a text it has already judged). DESIGN.md has the tool check every file it would change
// with this parser before the change; on a tree where every file changes, this is that work
// alone, to compare with the tree-sitter baseline. V8 is set up as the CLI sets it (first import).
//
//   node dist/bench/hcl-only.js DIR
import '../src/cli/v8-flags.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkHcl, startHclChecker } from '../src/engine/hcl-validity.js';
import { dirArgument, tfFiles } from './tf-files.js';

const dir = dirArgument('hcl-only.js');
await startHclChecker();
let files = 0;
let chars = 0;
let invalid = 0;
for (const file of tfFiles(dir)) {
  const text = readFileSync(file, 'utf8');
  if (await checkHcl(path.basename(file), text)) invalid++;
  files++;
  chars += text.length;
}
process.stdout.write(`${JSON.stringify({ files, chars, invalid })}\n`);
// The Go program keeps the event loop alive.
process.exit(invalid > 0 ? 1 : 0);

// The hash Go's go.sum records for a module's source (golang.org/x/mod/sumdb/dirhash, Hash1):
// the SHA-256 of the sorted lines "<sha256 of file>  <module>@<version>/<file>" over the files
// the module's zip holds (not .git, not a nested module, not vendor/). build.sh uses it to check
// a module's source against go.sum before an offline build.
//
//   node dirhash.mjs DIR MODULE@VERSION   prints h1:...
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

function files(root, rel = '') {
  const out = [];
  for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const name = path.posix.join(rel, entry.name);
    if (entry.isDirectory()) {
      if (['.git', '.hg', '.svn', '.bzr'].includes(entry.name) || (rel === '' && entry.name === 'vendor')) continue;
      if (existsSync(path.join(root, name, 'go.mod'))) continue;
      out.push(...files(root, name));
    } else if (entry.isFile()) out.push(name);
  }
  return out;
}

const [dir, prefix] = process.argv.slice(2);
if (!dir || !prefix) {
  process.stderr.write('usage: node dirhash.mjs DIR MODULE@VERSION\n');
  process.exit(2);
}
const sha = (data) => createHash('sha256').update(data).digest();
const lines = files(dir)
  .map((f) => [`${prefix}/${f}`, f])
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  .map(([name, f]) => `${sha(readFileSync(path.join(dir, f))).toString('hex')}  ${name}\n`);
process.stdout.write(`h1:${sha(lines.join('')).toString('base64')}\n`);

// Builds dist/ once before any test file runs: the CLI tests, the fake terraform's plan and the
// migration tests run the built tool as a process. Building here rather than inside a test file
// keeps one file from rewriting dist/ while another is reading it.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}

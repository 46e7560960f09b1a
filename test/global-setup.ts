// Before any test file runs: builds dist/ and the bundle the bin runs, once (the CLI tests, the
// fake terraform's plan and the migration tests run the built tool as a process; building here
// rather than inside a test file keeps one file from rewriting dist/ while another is reading
// it), and makes sure tmux is there for the end-to-end test of the interactive review (from
// Debian's packages when it is missing).
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

function ensureTmux(): void {
  if (spawnSync('tmux', ['-V']).status === 0) return;
  if (process.getuid?.() !== 0 || spawnSync('apt-get', ['--version']).status !== 0) {
    process.stderr.write('global setup: tmux is missing and cannot be installed here (needs root and apt-get); the -i end-to-end test will fail\n');
    return;
  }
  process.stderr.write('global setup: installing tmux from Debian packages for the -i end-to-end test\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'tmux'], { stdio: 'inherit', env });
}

export default function setup(): void {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(root, 'scripts', 'bundle.mjs')], { cwd: root, stdio: 'inherit' });
  ensureTmux();
}

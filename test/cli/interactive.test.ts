// `tfcodemod -i` end to end, as a person runs it: the real CLI in a real terminal (tmux, 80x24),
// keys typed, the screen read, then the files on disk and the migration script checked.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { builtCli, projectRoot, tempTree } from '../helpers.js';

const SOCKET = `tfcodemod-test-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'review');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: () => boolean, label: string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!what()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${label}; the screen:\n${screen()}`);
    await sleep(100);
  }
}

// Each test starts its own session; one that failed midway must not leave it to the next.
afterEach(() => {
  spawnSync('tmux', ['-L', SOCKET, 'kill-session', '-t', 'review']);
});

afterAll(() => {
  spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
});

describe('tfcodemod -i', () => {
  it('in a terminal: reject one change, accept the rest, write; the files and the script hold exactly the accepted changes', async () => {
    expect(spawnSync('tmux', ['-V']).status, 'tmux is needed (the global setup installs it from Debian packages)').toBe(0);
    const dir = tempTree({});
    cpSync(path.join(projectRoot, 'examples', 'before', 'legacy-app'), dir, { recursive: true });
    const report = JSON.parse(execFileSync(process.execPath, [builtCli, '--json'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as { modules: { changes: { id: string }[] }[] };
    const ids = report.modules[0]!.changes.map((c) => c.id);
    expect(ids[0]).toBe('dedupe-providers:aws.primary');

    const exitFile = path.join(dir, '.exit-code');
    tmux('new-session', '-d', '-s', 'review', '-x', '80', '-y', '24', '-c', dir, `${process.execPath} ${builtCli} -i --allow-dirty; echo $? > ${exitFile}; sleep 60`);
    await waitFor(() => screen().includes(`0 accepted, 0 rejected, ${ids.length} undecided`), 'the review');
    const first = screen();
    expect(first).toContain('· dedupe-providers: Merge provider aws.primary into aws (refactor)');
    expect(first).toContain('diff --git a/providers.tf b/providers.tf');
    expect(first.split('\n').every((l) => l.length <= 80)).toBe(true);

    // It follows a resize of the terminal.
    tmux('resize-window', '-t', 'review', '-x', '60', '-y', '18');
    // Redrawn for 60 columns: the rule under the list is 59 wide (without a redraw tmux would wrap the old one).
    await waitFor(() => screen().split('\n').includes('─'.repeat(59)), 'the redraw at 60x18');
    tmux('resize-window', '-t', 'review', '-x', '80', '-y', '24');
    await waitFor(() => screen().split('\n').includes('─'.repeat(79)), 'the redraw at 80x24');

    // n rejects the first change and moves on; y accepts each of the others.
    tmux('send-keys', '-t', 'review', 'n');
    await waitFor(() => screen().includes('1 rejected'), 'the rejection');
    for (let i = 1; i < ids.length; i++) {
      tmux('send-keys', '-t', 'review', 'y');
      await sleep(60);
    }
    await waitFor(() => screen().includes(`${ids.length - 1} accepted, 1 rejected, 0 undecided`), 'every change decided');
    tmux('send-keys', '-t', 'review', 'w');
    await waitFor(() => existsSync(exitFile), 'the write', 120_000);
    expect(readFileSync(exitFile, 'utf8').trim()).toBe('0');
    expect(screen()).toContain(`tfcodemod: ${ids.length - 1} changes in 1 of 1 module; wrote`);

    // The rejected change left no trace; the accepted ones are all there, with the script.
    const providers = readFileSync(path.join(dir, 'providers.tf'), 'utf8');
    expect(providers).toContain('alias  = "primary"');
    expect(providers).not.toContain('alias  = "use1"');
    expect(readFileSync(path.join(dir, 'vpc.tf'), 'utf8')).toContain('resource "aws_vpc" "vpc" {');
    const script = readFileSync(path.join(dir, 'migrate-state.sh'), 'utf8');
    expect(script).toContain('aws_vpc.dev_vpc aws_vpc.vpc');
    expect(spawnSync('bash', ['-n', path.join(dir, 'migrate-state.sh')]).status).toBe(0);
    // What is left to propose is the one change rejected.
    const left = JSON.parse(execFileSync(process.execPath, [builtCli, '--json'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as { modules: { changes: { id: string }[] }[] };
    expect(left.modules[0]!.changes.map((c) => c.id)).toEqual(['dedupe-providers:aws.primary']);
  }, 240_000);

  it('refuses to write when a file changed on disk during the review, and writes nothing', async () => {
    const dir = tempTree({});
    cpSync(path.join(projectRoot, 'examples', 'before', 'legacy-app'), dir, { recursive: true });
    const before = readFileSync(path.join(dir, 'vpc.tf'), 'utf8');
    const exitFile = path.join(dir, '.exit-code');
    tmux('new-session', '-d', '-s', 'review', '-x', '80', '-y', '24', '-c', dir, `${process.execPath} ${builtCli} -i --allow-dirty; echo $? > ${exitFile}; sleep 60`);
    await waitFor(() => screen().includes(' undecided'), 'the review');
    tmux('send-keys', '-t', 'review', 'y');
    await waitFor(() => screen().includes('1 accepted'), 'the acceptance');
    // Someone edits a file the accepted change touches while the review is open.
    const providers = path.join(dir, 'providers.tf');
    writeFileSync(providers, `${readFileSync(providers, 'utf8')}# edited meanwhile\n`);
    tmux('send-keys', '-t', 'review', 'w');
    await waitFor(() => existsSync(exitFile), 'the refusal', 120_000);
    expect(readFileSync(exitFile, 'utf8').trim()).toBe('2');
    expect(screen().replace(/\n/g, '')).toContain('changed on disk since it was read; nothing was written');
    expect(readFileSync(providers, 'utf8')).toMatch(/# edited meanwhile\n$/);
    expect(readFileSync(path.join(dir, 'vpc.tf'), 'utf8')).toBe(before);
  }, 240_000);

  it('quitting exits 2 when a module was skipped as invalid, as the dry run does, and writes nothing', async () => {
    const dir = tempTree({ 'broken/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = \n}\n' });
    cpSync(path.join(projectRoot, 'examples', 'before', 'legacy-app'), path.join(dir, 'app'), { recursive: true });
    const exitFile = path.join(dir, '.exit-code');
    tmux('new-session', '-d', '-s', 'review', '-x', '80', '-y', '24', '-c', dir, `${process.execPath} ${builtCli} -i --allow-dirty 2>${dir}/.stderr; echo $? > ${exitFile}; sleep 60`);
    await waitFor(() => screen().includes(' undecided'), 'the review');
    tmux('send-keys', '-t', 'review', 'q');
    await waitFor(() => existsSync(exitFile), 'the exit');
    expect(readFileSync(exitFile, 'utf8').trim()).toBe('2');
    const stderr = readFileSync(path.join(dir, '.stderr'), 'utf8');
    expect(stderr).toMatch(/broken\/main\.tf:2:\d+: /);
    expect(stderr).toContain('quit; nothing was written (and a module was skipped as invalid, above)');
    expect(readFileSync(path.join(dir, 'app', 'vpc.tf'), 'utf8')).toBe(readFileSync(path.join(projectRoot, 'examples', 'before', 'legacy-app', 'vpc.tf'), 'utf8'));
    expect(existsSync(path.join(dir, 'app', 'migrate-state.sh'))).toBe(false);
  }, 120_000);

  it('without a terminal it exits 2 with one line', () => {
    const dir = tempTree({ 'main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n' });
    const r = spawnSync(process.execPath, [builtCli, '-i'], { cwd: dir, encoding: 'utf8', input: '' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('tfcodemod: -i needs a terminal on stdin and stdout; without one, preview with tfcodemod, save --patch FILE, or read --json\n');
  });
});

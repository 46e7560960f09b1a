// The review UI with ink-testing-library: frames for what the person sees, keys typed, and the
// decisions and outcome handed back.
import { cpSync } from 'node:fs';
import path from 'node:path';
import { render } from 'ink-testing-library';
import { beforeAll, describe, expect, it } from 'vitest';
import { processModule, type ModuleResult } from '../../src/engine/pipeline.js';
import { ReviewSession } from '../../src/review/session.js';
import { ReviewApp } from '../../src/tui/ReviewApp.js';
import { pipelineRun, projectRoot, tempTree } from '../helpers.js';

let first: ModuleResult;

beforeAll(async () => {
  const dir = tempTree({});
  cpSync(path.join(projectRoot, 'examples', 'before', 'legacy-app'), dir, { recursive: true });
  const run = await pipelineRun(dir);
  first = await processModule(run.jobs[0]!, { ...run.settings, previews: true });
}, 60_000);

const ESC = '\u001b';
const DOWN = '\u001b[B';
const PAGE_DOWN = '\u001b[6~';
const tick = () => new Promise((r) => setTimeout(r, 30));

function app(loadMigration: (m: string) => Promise<string | null> = async () => null) {
  const session = new ReviewSession([first]);
  const outcomes: string[] = [];
  const refreshed: [string, string[]][] = [];
  const refreshPreviews = async (module: string, rejected: ReadonlySet<string>) => void refreshed.push([module, [...rejected]]);
  const ui = render(<ReviewApp session={session} loadMigration={loadMigration} refreshPreviews={refreshPreviews} onDone={(o) => outcomes.push(o)} />);
  const type = async (...keys: string[]) => {
    for (const k of keys) {
      ui.stdin.write(k);
      await tick();
    }
  };
  return { session, outcomes, refreshed, ui, type, frame: () => ui.lastFrame() ?? '' };
}

describe('ReviewApp', () => {
  it('shows the changes by module, the selected change with its diff, and the keys', async () => {
    const { frame, ui } = app();
    await tick();
    const f = frame();
    expect(f).toContain('(tree root)');
    expect(f).toContain('· dedupe-providers: Merge provider aws.primary into aws (refactor)');
    expect(f).toContain('diff --git a/providers.tf b/providers.tf');
    expect(f).toContain(`0 accepted, 0 rejected, ${first.changes.length} undecided`);
    expect(f).toContain('y accept');
    // It fits the terminal: never more rows than it has.
    expect(f.split('\n').length).toBeLessThanOrEqual(24);
    ui.unmount();
  });

  it('y accepts and moves on, n rejects with its dependents and says so, j/arrows move, PgDn scrolls the diff', async () => {
    const { session, type, frame, ui } = app();
    await type('y');
    expect(session.decision(session.items[0]!.key)).toBe('accepted');
    expect(frame()).toContain('✓ dedupe-providers: Merge provider aws.primary into aws');
    const vpc = session.items.findIndex((i) => i.change.id === 'merge-environments:aws_vpc.vpc');
    await type(...Array.from({ length: vpc - 1 }, () => 'j'));
    expect(frame()).toContain('Merge aws_vpc.dev_vpc, aws_vpc.staging_vpc, aws_vpc.prod_vpc into aws_vpc.vpc');
    await type('n');
    const merges = first.changes.filter((c) => c.transform === 'merge-environments').length;
    expect(frame()).toContain(`rejected, and ${merges - 1} changes that require it: `);
    expect(session.counts().rejected).toBe(merges);
    await type('k', DOWN);
    const before = frame();
    await type(PAGE_DOWN);
    expect(frame()).not.toBe(before);
    expect(frame()).toMatch(/diff: lines \d+–\d+ of \d+/);
    ui.unmount();
  });

  it('asks for the diffs again when the rejected set of a module changes, not otherwise', async () => {
    const { refreshed, type, ui } = app();
    await type('y');
    expect(refreshed).toEqual([]);
    await type('n');
    expect(refreshed).toEqual([['.', ['dedupe-providers:aws.use1']]]);
    // Accepting the rejected change again changes the set back.
    await type('k', 'y');
    expect(refreshed).toEqual([
      ['.', ['dedupe-providers:aws.use1']],
      ['.', []],
    ]);
    await type('y');
    expect(refreshed).toHaveLength(2);
    ui.unmount();
  });

  it('m shows the migration of the accepted changes; Esc goes back', async () => {
    const asked: string[] = [];
    const { type, frame, ui } = app(async (m) => {
      asked.push(m);
      return '#!/usr/bin/env bash\n# the script\nterraform state mv a b\n';
    });
    await type('y', 'm');
    await tick();
    expect(asked).toEqual(['.']);
    expect(frame()).toContain('Migration for . with the accepted changes');
    expect(frame()).toContain('terraform state mv a b');
    await type(ESC);
    expect(frame()).toContain('y accept');
    ui.unmount();
  });

  it('w writes only when something was accepted; q asks before dropping accepted changes', async () => {
    const first = app();
    await first.type('w');
    expect(first.frame()).toContain('nothing accepted yet');
    expect(first.outcomes).toEqual([]);
    await first.type('a', 'q');
    expect(first.frame()).toContain('Quit without writing 2 accepted changes? y: quit');
    await first.type('x');
    expect(first.outcomes).toEqual([]);
    await first.type('w');
    expect(first.outcomes).toEqual(['write']);
    first.ui.unmount();

    const second = app();
    await second.type('q');
    expect(second.outcomes).toEqual(['quit']);
    second.ui.unmount();
  });

  it('marks a behaviour change, and one that forces replacement, in the list and the details', async () => {
    const behaviour: ModuleResult = {
      ...first,
      changes: [
        {
          ...first.changes[0]!,
          id: 'rds-hardening:aws_db_instance.postgres',
          transform: 'rds-hardening',
          title: 'Encrypt aws_db_instance.postgres',
          kind: 'behaviour',
          effects: [{ workspace: 'prod', address: 'aws_db_instance.postgres', path: 'storage_encrypted', action: 'replace' }],
        },
      ],
    };
    const ui = render(<ReviewApp session={new ReviewSession([behaviour])} loadMigration={async () => null} onDone={() => {}} />);
    await tick();
    const f = ui.lastFrame() ?? '';
    expect(f).toContain('· rds-hardening: Encrypt aws_db_instance.postgres (behaviour)');
    expect(f).toContain('behaviour — forces replacement · ');
    ui.unmount();
  });

  it('? shows the help', async () => {
    const { type, frame, ui } = app();
    await type('?');
    expect(frame()).toContain('tfcodemod review: help');
    expect(frame()).toContain('a              accept every undecided change of this transform in this module');
    await type('?');
    expect(frame()).toContain('y accept');
    ui.unmount();
  });
});

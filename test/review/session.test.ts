// The review's state without a terminal: decisions follow `requires`, and what a subset of
// accepted changes writes (files and migration script) is what processing that subset gives.
import { cpSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { processModule, type ModuleJob, type ModuleResult } from '../../src/engine/pipeline.js';
import type { RunSettings } from '../../src/engine/runner.js';
import { ReviewSession } from '../../src/review/session.js';
import { pipelineRun, projectRoot, tempTree } from '../helpers.js';

let job: ModuleJob;
let settings: RunSettings;
let first: ModuleResult;

beforeAll(async () => {
  const dir = tempTree({});
  cpSync(path.join(projectRoot, 'examples', 'before', 'legacy-app'), dir, { recursive: true });
  const run = await pipelineRun(dir);
  job = run.jobs[0]!;
  settings = run.settings;
  first = await processModule(job, { ...settings, previews: true });
}, 60_000);

const keyOf = (s: ReviewSession, id: string): string => s.items.find((i) => i.change.id === id)!.key;
const ids = (items: { change: { id: string } }[]): string[] => items.map((i) => i.change.id);
/** The module processed with only the accepted changes. */
const written = (s: ReviewSession) => processModule(job, { ...settings, decisions: { ...settings.decisions, rejected: s.notAccepted('.'), acceptedOnly: s.accepted('.') } });
const file = (r: ModuleResult, name: string) => r.outputs.find((o) => o.abs === path.join(job.dir, name))?.after;

describe('review session', () => {
  it('lists every change once, each with its own diff, secrets masked', () => {
    const s = new ReviewSession([first]);
    expect(s.items.map((i) => i.change.id)).toEqual(first.changes.map((c) => c.id));
    const diff = s.diffLines(keyOf(s, 'extract-secrets:aws_ssm_parameter.stripe_key.value'));
    expect(diff[0]).toBe('diff --git a/storage.tf b/storage.tf');
    expect(diff).toContain('-  value = "********"');
    expect(diff).toContain('+  value = var.stripe_key_value');
    expect(diff.join('\n')).not.toContain('sk_live');
  });

  it('rejecting one merge drops the workspace split that requires it, and with it every other merge; accepting one pulls them all back', () => {
    const s = new ReviewSession([first]);
    const merges = first.changes.filter((c) => c.transform === 'merge-environments').map((c) => c.id);
    const dropped = s.reject(keyOf(s, 'merge-environments:aws_vpc.vpc'));
    // The split needs every merged block; every merged block needs the split (workspace strategy).
    expect(ids(dropped.also).sort()).toEqual(merges.filter((id) => id !== 'merge-environments:aws_vpc.vpc').sort());
    expect(s.decision(keyOf(s, 'merge-environments:module'))).toBe('rejected');
    const pulled = s.accept(keyOf(s, 'merge-environments:aws_subnet.private_a'));
    expect(ids(pulled.also).sort()).toEqual(merges.filter((id) => id !== 'merge-environments:aws_subnet.private_a').sort());
    expect(s.decision(keyOf(s, 'merge-environments:aws_vpc.vpc'))).toBe('accepted');
    expect(s.counts().rejected).toBe(0);
  });

  it('a rejected change leaves no trace in the files or the migration script; the accepted ones are all there', async () => {
    const s = new ReviewSession([first]);
    for (const item of s.items) s.accept(item.key);
    s.reject(keyOf(s, 'dedupe-providers:aws.primary'));
    s.reject(keyOf(s, 'extract-secrets:aws_ssm_parameter.stripe_key.value'));
    const r = await written(s);
    expect(r.errors).toEqual([]);
    expect(r.changes.map((c) => c.id).sort()).toEqual(ids(s.items.filter((i) => s.decision(i.key) === 'accepted')).sort());
    expect(file(r, 'providers.tf')).toContain('alias  = "primary"');
    expect(file(r, 'providers.tf')).not.toContain('alias  = "use1"');
    expect(file(r, 'storage.tf')).toContain('sk_live_');
    expect(file(r, 'secrets.tfvars')).not.toContain('stripe_key_value');
    expect(file(r, 'migrate-state.sh')).toContain('aws_vpc.dev_vpc aws_vpc.vpc');
  });

  it('without the merges there are no state moves and (no backend change here) no script', async () => {
    expect(first.changes.some((c) => c.transform === 's3-backend')).toBe(false); // no bucket configured
    const s = new ReviewSession([first]);
    for (const item of s.items) if (item.change.transform !== 'merge-environments') s.accept(item.key);
    const r = await written(s);
    expect(r.changes.length).toBe(s.counts().accepted);
    expect(r.changes.some((c) => c.moves.length > 0)).toBe(false);
    expect(file(r, 'environments.tf')).toBeUndefined();
    expect(file(r, 'migrate-state.sh')).toBeUndefined();
  });

  it('after a rejection the diffs are recomputed without it: a merge then shows the value the rejected change would have replaced', async () => {
    const s = new ReviewSession([first]);
    const merge = keyOf(s, 'merge-environments:aws_db_instance.postgres');
    expect(s.diffLines(merge).join('\n')).toContain('var.postgres_password');
    s.reject(keyOf(s, 'extract-secrets:aws_db_instance.dev_postgres.password'));
    s.updatePreviews(await processModule(job, { ...settings, previews: true, decisions: { ...settings.decisions, rejected: s.rejected('.'), acceptedOnly: s.inPlay('.') } }));
    const after = s.diffLines(merge).join('\n');
    expect(after).toMatch(/dev +=( "\*+")/);
    expect(after).not.toContain('Pr0d-S3cret');
  });

  it('never writes a change the review did not show: rejecting the merges makes folding the copies possible, which is left out', async () => {
    const s = new ReviewSession([first]);
    for (const item of s.items) if (item.change.transform !== 'merge-environments') s.accept(item.key);
    const unlocked = await processModule(job, { ...settings, decisions: { ...settings.decisions, rejected: s.notAccepted('.') } });
    const shown = new Set(s.items.map((i) => i.change.id));
    const unseen = unlocked.changes.filter((c) => !shown.has(c.id)).map((c) => c.id);
    expect(unseen).toContain('fold-security-rules:aws_security_group.dev_web_sg.ingress');
    const r = await written(s);
    expect(r.changes.filter((c) => !shown.has(c.id))).toEqual([]);
    expect(r.notApplied.find((n) => n.id === 'fold-security-rules:aws_security_group.dev_web_sg.ingress')?.note).toBe('not accepted in the review');
  });

  it('accepts every undecided change of one transform in one module', () => {
    const s = new ReviewSession([first]);
    s.reject(keyOf(s, 'extract-secrets:aws_ssm_parameter.stripe_key.value'));
    const accepted = s.acceptTransform(keyOf(s, 'extract-secrets:aws_ssm_parameter.stripe_key.value'));
    expect(accepted.every((i) => i.change.transform === 'extract-secrets')).toBe(true);
    expect(accepted.length).toBe(first.changes.filter((c) => c.transform === 'extract-secrets').length - 1);
    expect(s.decision(keyOf(s, 'extract-secrets:aws_ssm_parameter.stripe_key.value'))).toBe('rejected');
    expect(s.notAccepted('.').has('extract-secrets:aws_ssm_parameter.stripe_key.value')).toBe(true);
  });
});

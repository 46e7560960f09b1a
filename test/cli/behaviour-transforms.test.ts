// env-sizing and rds-hardening through the real CLI: listed with their options, run only when
// named, refused without what they need. Needs `npm run build` (npm test does it first).
import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, tempTree, tfcodemod } from '../helpers.js';

function sizingCopy(): string {
  const dir = tempTree({});
  cpSync(path.join(projectRoot, 'examples', 'before', 'sizing-policy'), dir, { recursive: true });
  return dir;
}

describe('behaviour transforms on the command line', () => {
  it('--list-transforms shows them as opt-in behaviour transforms, with their config keys and fields', () => {
    const list = tfcodemod(['--list-transforms'], projectRoot).stdout;
    expect(list).toMatch(/^env-sizing\s+behaviour \(opt-in\)$/m);
    expect(list).toMatch(/^rds-hardening\s+behaviour \(opt-in\)$/m);
    expect(list).toContain('(config envSizing.policy)');
    expect(list).toContain('maxDbInstanceClass (string): largest aws_db_instance instance_class');
    expect(list).toContain('(config rdsHardening.backupRetention)');
    expect(tfcodemod(['--help'], projectRoot).stdout).toContain('opt-in behaviour ones: required-tags, env-sizing, rds-hardening');
  });

  it('a plain run leaves them out; named, they run', () => {
    const dir = sizingCopy();
    const plain = tfcodemod(['.'], dir);
    expect(plain.code).toBe(0);
    expect(plain.stderr).not.toContain('env-sizing');
    const named = tfcodemod(['--transforms', 'env-sizing', '.'], dir);
    expect(named.code).toBe(0);
    // Unmerged copies: sized where they are.
    expect(named.stderr).toContain('.: env-sizing (behaviour): Size down aws_instance.dev_api (instance_type): dev m5.xlarge → t3.small');
    expect(named.stderr).toContain('env-sizing total: ');
    expect(named.stdout).toContain('+  instance_type = "t3.small"');
  });

  it('exits 2 without a policy, or with a policy of the wrong shape, naming the key', () => {
    const dir = sizingCopy();
    writeFileSync(path.join(dir, '.tfcodemod.json'), '{}');
    const none = tfcodemod(['--transforms', 'env-sizing', '.'], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('env-sizing needs a sizing policy');
    writeFileSync(path.join(dir, '.tfcodemod.json'), JSON.stringify({ envSizing: { policy: { dev: { maxStorageGb: 'twenty' } } } }));
    const bad = tfcodemod(['--transforms', 'env-sizing', '.'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('.tfcodemod.json: envSizing.policy.dev.maxStorageGb: expected a number, got string');
  });
});

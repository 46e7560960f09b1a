import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverModules, GitIgnores } from '../../src/files/discover.js';
import { tempTree } from '../helpers.js';

const tf = 'resource "aws_s3_bucket" "b" {}\n';

function discover(treeRoot: string, paths = [treeRoot], exclude: string[] = []) {
  const d = discoverModules({ treeRoot, cwd: treeRoot, paths, exclude, gitIgnores: new GitIgnores(treeRoot) });
  return { paths: d.modules.map((m) => m.path), modules: d.modules, problems: d.problems.map((p) => ({ ...p, path: path.relative(treeRoot, p.path) })) };
}

describe('discoverModules', () => {
  it('follows a symlinked directory once, and reports a cycle instead of looping', () => {
    const root = tempTree({ 'app/main.tf': tf, 'shared/net/main.tf': tf });
    symlinkSync('../shared', path.join(root, 'app', 'linked')); // app/linked -> shared
    symlinkSync('..', path.join(root, 'shared', 'net', 'up')); // shared/net/up -> shared: a cycle
    const d = discover(root);
    // shared/ is reached twice (as app/linked and as shared); its modules are listed once.
    expect(d.paths).toEqual(['app', 'app/linked/net']);
    expect(d.problems).toEqual([
      { path: 'app/linked/net/up', message: 'symlink cycle: this directory was already scanned; not followed again', severity: 'warning' },
      { path: 'shared', message: 'symlink cycle: this directory was already scanned; not followed again', severity: 'warning' },
    ]);
  });

  it('tells two directories of the same name apart when one is reached through a symlink', () => {
    const root = tempTree({ 'a/x/main.tf': tf, 'b/x/main.tf': tf });
    symlinkSync('../b/x', path.join(root, 'a', 'y'));
    expect(discover(root).paths).toEqual(['a/x', 'a/y']);
  });

  it('reports a symlink whose target is missing only for a file it would load', () => {
    const root = tempTree({ 'app/main.tf': tf });
    symlinkSync('nowhere', path.join(root, 'app', 'gone'));
    symlinkSync('nowhere.tf', path.join(root, 'app', 'gone.tf'));
    const d = discover(root);
    expect(d.paths).toEqual(['app']);
    expect(d.modules[0]!.files).toEqual(['main.tf']);
    expect(d.problems).toEqual([{ path: 'app/gone.tf', message: 'no such file or directory', severity: 'error' }]);
  });

  it('applies .gitignore files from the tree root down, also above the scanned path', () => {
    const root = tempTree({
      '.gitignore': 'generated/\n',
      'infra/.gitignore': 'scratch.tf\n',
      'infra/app/main.tf': tf,
      'infra/app/scratch.tf': tf,
      'infra/app/generated/main.tf': tf,
      'infra/app/deep/.gitignore': '*\n!.gitignore\n',
      'infra/app/deep/main.tf': tf,
      'infra/other/main.tf': tf,
    });
    const d = discover(root, [path.join(root, 'infra', 'app')]);
    expect(d.paths).toEqual(['infra/app']);
    expect(d.modules[0]!.files).toEqual(['main.tf']);
    expect(discover(root).paths).toEqual(['infra/app', 'infra/other']);
  });

  it('skips .terraform/, .git/ and --exclude globs, and lists an empty directory as no module', () => {
    const root = tempTree({ 'app/main.tf': tf, 'app/.terraform/modules/m/main.tf': tf, '.git/x/main.tf': tf, 'legacy/main.tf': tf });
    mkdirSync(path.join(root, 'empty'));
    expect(discover(root, [root], ['legacy/**']).paths).toEqual(['app']);
  });
});

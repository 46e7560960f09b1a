import { beforeAll, describe, expect, it } from 'vitest';
import { attributeOf, attributeValue } from '../../src/cst/nodes.js';
import { initParser } from '../../src/cst/parser.js';
import { runModule, type RunSettings } from '../../src/engine/runner.js';
import { defineTransform, type Transform } from '../../src/engine/transform.js';

beforeAll(initParser);

/** A transform that replaces the value of `x` in every resource with `text`. */
function setX(id: string, text: string, opts: { kind?: 'refactor' | 'behaviour'; requires?: string } = {}): Transform<unknown> {
  return defineTransform<true>({
    id,
    title: id,
    description: id,
    kinds: [opts.kind ?? 'refactor'],
    optIn: opts.kind === 'behaviour',
    options: {},
    plan: () => true,
    apply(_plan, module, ctx) {
      for (const [address, b] of module.index.resources) {
        const attr = attributeOf(b.body, 'x');
        const value = attr && attributeValue(attr);
        if (!value) continue;
        ctx.change({ subject: address, title: `set ${address}`, reason: 'test', kind: opts.kind ?? 'refactor' }, (c) => {
          c.replaceNode(b.file, value, text);
          if (opts.requires) c.requires(opts.requires);
        });
      }
    },
  }) as Transform<unknown>;
}

function settings(transforms: Transform<unknown>[], extra: Partial<RunSettings['decisions']> = {}): RunSettings {
  return { transforms, options: new Map(), facts: new Map(), decisions: { rejected: new Set(), behaviourFrom: new Set(), ...extra } };
}

const files = (text: string) => ({ path: '.', isRoot: true, files: new Map([['main.tf', text]]), isGitIgnored: () => false });

describe('runModule', () => {
  it('runs each transform on the result of the ones before', () => {
    const run = runModule(files('resource "a" "b" {\n  x = 1\n}\n'), settings([setX('first', '2'), setX('second', '3')]));
    expect(run.outputs.get('main.tf')!.after).toBe('resource "a" "b" {\n  x = 3\n}\n');
    expect(run.records.map((r) => [r.change.id, r.status])).toEqual([['first:a.b', 'applied'], ['second:a.b', 'applied']]);
  });

  it('leaves no trace of a rejected change', () => {
    const run = runModule(files('resource "a" "b" {\n  x = 1\n}\n'), settings([setX('first', '2')], { rejected: new Set(['first:a.b']) }));
    expect(run.outputs.size).toBe(0);
    expect(run.records[0]!.status).toBe('rejected');
  });

  it('drops changes that require a rejected change, across transforms', () => {
    const run = runModule(
      files('resource "a" "b" {\n  x = 1\n}\n'),
      settings([setX('first', '2'), setX('second', '3', { requires: 'first:a.b' })], { rejected: new Set(['first:a.b']) }),
    );
    expect(run.outputs.size).toBe(0);
    expect(run.records[1]).toMatchObject({ status: 'skipped', note: 'requires first:a.b' });
  });

  it('applies behaviour changes only from transforms that were asked for', () => {
    const t = setX('sizing', '"small"', { kind: 'behaviour' });
    expect(runModule(files('resource "a" "b" {\n  x = 1\n}\n'), settings([t])).outputs.size).toBe(0);
    expect(runModule(files('resource "a" "b" {\n  x = 1\n}\n'), settings([t], { behaviourFrom: new Set(['sizing']) })).outputs.size).toBe(1);
  });

  it('rejects a change whose result does not parse, with an error, and keeps the others', () => {
    const run = runModule(files('resource "a" "b" {\n  x = 1\n}\n\nresource "a" "c" {\n  y = 1\n}\n'), settings([setX('broken', '= = =')]));
    expect(run.outputs.size).toBe(0);
    expect(run.records[0]).toMatchObject({ status: 'skipped', note: 'its result does not parse' });
    expect(run.errors[0]!.message).toMatch(/broken produced text that does not parse/);
  });

  it('reports overlapping edits as an error instead of dropping one', () => {
    const overlapping = defineTransform<true>({
      id: 'overlap',
      title: 'o',
      description: 'o',
      kinds: ['refactor'],
      optIn: false,
      options: {},
      plan: () => true,
      apply(_p, module, ctx) {
        const f = module.files[0]!;
        ctx.change({ subject: 'one', title: 'one', reason: '', kind: 'refactor' }, (c) => c.replace(f, 0, 10, 'x'));
        ctx.change({ subject: 'two', title: 'two', reason: '', kind: 'refactor' }, (c) => c.replace(f, 5, 12, 'y'));
      },
    }) as Transform<unknown>;
    const run = runModule(files('resource "a" "b" {\n  x = 1\n}\n'), settings([overlapping]));
    expect(run.outputs.size).toBe(0);
    expect(run.errors[0]!.message).toMatch(/overlapping edits.*overlap:one.*overlap:two/);
  });

  it('merges overlapping removals of one change (neighbouring blocks sharing a blank line)', () => {
    const removeBoth = defineTransform<true>({
      id: 'rm',
      title: 'rm',
      description: 'rm',
      kinds: ['refactor'],
      optIn: false,
      options: {},
      plan: () => true,
      apply(_p, module, ctx) {
        const f = module.files[0]!;
        const a = f.text.indexOf('resource "a" "one"');
        const b = f.text.indexOf('resource "a" "two"');
        const c = f.text.indexOf('resource "a" "three"');
        ctx.change({ subject: 'both', title: 'both', reason: '', kind: 'refactor' }, (ch) => {
          ch.remove(f, a, b); // "one" and the blank line after it
          ch.remove(f, b - 1, c); // the same blank line, "two" and the blank line after it
        });
      },
    }) as Transform<unknown>;
    const run = runModule(files('resource "a" "one" {}\n\nresource "a" "two" {}\n\nresource "a" "three" {}\n'), settings([removeBoth]));
    expect(run.errors).toEqual([]);
    expect(run.outputs.get('main.tf')!.after).toBe('resource "a" "three" {}\n');
  });

  it('does not write a file one change created and a later change emptied', () => {
    const createThenEmpty = defineTransform<true>({
      id: 'ce',
      title: 'ce',
      description: 'ce',
      kinds: ['refactor'],
      optIn: false,
      options: {},
      plan: () => true,
      apply(_p, module, ctx) {
        const f = module.files[0]!;
        ctx.change({ subject: 'x', title: 'x', reason: '', kind: 'refactor' }, (c) => {
          c.replace(f, 0, f.text.length, 'resource "a" "b" {}\n');
          c.appendItem('new.tf', '   \n');
        });
      },
    }) as Transform<unknown>;
    const run = runModule(files('resource "a" "b" {\n  x = 1\n}\n'), settings([createThenEmpty]));
    expect([...run.outputs.keys()]).toEqual(['main.tf']);
  });

  it('keeps transforms away from blocks marked tfcodemod:ignore, even when they do not check', () => {
    const run = runModule(files('# tfcodemod:ignore\nresource "a" "b" {\n  x = 1\n}\n\nresource "a" "c" {\n  x = 1\n}\n'), settings([setX('first', '2')]));
    expect(run.outputs.get('main.tf')!.after).toBe('# tfcodemod:ignore\nresource "a" "b" {\n  x = 1\n}\n\nresource "a" "c" {\n  x = 2\n}\n');
    expect(run.records.find((r) => r.change.id === 'first:a.b')).toMatchObject({ status: 'skipped' });
  });

  it('turns a crashing transform into an error and goes on with the next', () => {
    const crash = defineTransform<true>({ id: 'crash', title: 'c', description: 'c', kinds: ['refactor'], optIn: false, options: {}, plan: () => { throw new Error('boom'); }, apply: () => undefined }) as Transform<unknown>;
    const run = runModule(files('resource "a" "b" {\n  x = 1\n}\n'), settings([crash, setX('after', '2')]));
    expect(run.errors).toEqual([{ message: 'internal error in transform crash: boom' }]);
    expect(run.outputs.get('main.tf')!.after).toContain('x = 2');
  });

  it('names as changed only the top-level items whose text is new, even between two changes, and after two transforms', () => {
    const text = 'resource "a" "first" {\n  x = 1\n}\n\nresource "a" "middle" {\n  y = 1\n}\n\nresource "a" "last" {\n  x = 1\n}\n';
    const run = runModule(files(text), settings([setX('one', '2'), setX('two', '3')]));
    const out = run.outputs.get('main.tf')!;
    expect(out.changedItems!.map((r) => out.after.slice(r.start, r.end))).toEqual(['resource "a" "first" {\n  x = 3\n}', 'resource "a" "last" {\n  x = 3\n}']);
  });
});

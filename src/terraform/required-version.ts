// Raising `required_version` when a change needs a newer Terraform (`use_lockfile` 1.10,
// `moved` 1.1, `workspace select -or-create` 1.4). The constraint keeps its shape where it can:
// `>= 1.3` becomes `>= 1.10`, `~> 1.5` becomes `~> 1.10`; parts that would exclude every
// version from the minimum on are replaced, and the change says so.
import { attributeOf, attributeValue, stringValue } from '../cst/nodes.js';
import { quoteHcl } from '../cst/strings.js';
import { editAttributes } from '../cst/structure.js';
import type { ChangeBuilder } from '../engine/transform.js';
import type { ModuleIndex } from './module-index.js';

type Version = number[];

const parse = (v: string): Version => v.split('-')[0]!.split('.').map((n) => Number(n) || 0);

function compare(a: Version, b: Version): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

interface Part {
  op: string;
  version: string;
}

function parts(constraint: string): Part[] {
  return constraint
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const m = /^(>=|<=|~>|!=|>|<|=)?\s*v?([0-9][0-9A-Za-z.+-]*)$/.exec(p);
      return m ? { op: m[1] ?? '=', version: m[2]! } : { op: '?', version: p };
    });
}

/**
 * The constraint raised so that no version below `min` satisfies it, or null when it already
 * does (or cannot be read, in which case it is left to the person).
 */
export function raiseConstraint(constraint: string, min: string): string | null {
  const ps = parts(constraint);
  if (ps.some((p) => p.op === '?')) return null;
  const minV = parse(min);
  const lowerOk = ps.some((p) => {
    const v = parse(p.version);
    if (p.op === '>=' || p.op === '=' || p.op === '~>') return compare(v, minV) >= 0;
    if (p.op === '>') return compare(v, minV) >= 0;
    return false;
  });
  if (lowerOk) return null;
  const out: string[] = [];
  let hasLower = false;
  for (const p of ps) {
    const v = parse(p.version);
    switch (p.op) {
      case '>=':
      case '>':
      case '=':
        out.push(`>= ${min}`);
        hasLower = true;
        break;
      case '~>':
        // `~> 1.5` allows 1.x from 1.5 on: `~> 1.10` keeps that shape. `~> 1.5.0` pins a minor
        // series, which cannot include the minimum: the same pin on the minimum's series.
        out.push(p.version.split('.').length >= 3 ? `~> ${min}.0` : `~> ${min}`);
        hasLower = true;
        break;
      case '<':
      case '<=':
        if (compare(v, minV) > 0) out.push(`${p.op} ${p.version}`);
        break;
      default:
        out.push(`${p.op} ${p.version}`);
    }
  }
  if (!hasLower) out.unshift(`>= ${min}`);
  return [...new Set(out)].join(', ');
}

/**
 * Emits, into a change, the edits that make the module require Terraform >= `min`: every
 * `required_version` that allows older versions is raised; when none exists, one is added to
 * the first terraform block (or, with no terraform block, `whenNoBlock` is used).
 * Returns a sentence for the change's reason, or null when nothing had to change.
 */
export function requireTerraform(index: ModuleIndex, min: string, why: string, c: ChangeBuilder): string | null {
  const notes: string[] = [];
  let found = false;
  for (const t of index.terraformBlocks) {
    const attr = attributeOf(t.body, 'required_version');
    const value = attr && attributeValue(attr);
    if (!value) continue;
    found = true;
    const current = stringValue(value, t.file.text);
    if (current === null) continue;
    const raised = raiseConstraint(current, min);
    if (raised === null) continue;
    c.replaceNode(t.file, value, quoteHcl(raised));
    notes.push(`required_version "${current}" becomes "${raised}" (${why})`);
  }
  if (!found) {
    const t = index.terraformBlocks[0];
    if (!t) return null;
    for (const e of editAttributes(t.file.text, t.node, { insert: [{ name: 'required_version', value: quoteHcl(`>= ${min}`), after: null }] })) {
      c.replace(t.file, e.start, e.end, e.text);
    }
    notes.push(`required_version ">= ${min}" is added (${why})`);
  }
  return notes.length > 0 ? notes.join('; ') : null;
}

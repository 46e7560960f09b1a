// Comparing two configurations the way `terraform plan` would after the state moves: per target
// workspace, the instances the moved state holds must be exactly the instances the new
// configuration declares, with equal arguments. References are compared by address after the
// moves; values the renderer could not compute make a comparison "cannot judge".
import type { Effect, StateMove } from '../engine/types.js';
import { lookupOfData } from '../terraform/lookups.js';
import type { Body, Instance, Rendered } from './render.js';
import { canonical, display, hasUnknown, isSensitive, mapRefs, markSensitive, type Value } from './value.js';

export type Action = 'create' | 'destroy' | 'update' | 'read' | 'output' | 'output added' | 'cannot judge';

export interface Difference {
  workspace: string;
  address: string;
  /** Argument path inside the instance ('' for the whole instance). */
  path: string;
  before: string;
  after: string;
  action: Action;
  /** Explained by an accepted behaviour change. */
  intended: boolean;
}

export interface CompareInput {
  /** The configuration before, rendered for a workspace. */
  before(workspace: string): Rendered;
  after(workspace: string): Rendered;
  moves: StateMove[];
  /** Target workspaces; default: the moves' destinations and the effects' workspaces, or `default`. */
  workspaces?: string[];
  /** What accepted behaviour changes do on purpose. */
  effects?: Effect[];
}

/** Security-group rules are sets in AWS: their order does not matter. */
const SET_BLOCKS = new Set(['ingress', 'egress']);

const ABSENT = '(absent)';

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const i of items) out.set(key(i), [...(out.get(key(i)) ?? []), i]);
  return out;
}

/** The destination of a state address through the moves (instance or whole-resource moves). */
/** A move made by a `moved` block: it applies in every state, so in whatever workspace the address is. */
const anywhere = (m: StateMove): boolean => m.via === 'moved' && m.from.workspace === m.to.workspace;

/**
 * Where a state address ends up: the moves apply in order (a later transform's move continues an
 * earlier one's), and a move made by a `moved` block applies in whatever workspace the address
 * is then, as the block does in every state.
 */
export function moveTarget(moves: StateMove[], workspace: string, address: string): { workspace: string; address: string } {
  let at = { workspace, address };
  for (const m of moves) {
    const any = anywhere(m);
    if (!any && m.from.workspace !== at.workspace) continue;
    const to = any ? at.workspace : m.to.workspace;
    if (at.address === m.from.address) at = { workspace: to, address: m.to.address };
    else if (at.address.startsWith(m.from.address) && (at.address[m.from.address.length] === '[' || at.address[m.from.address.length] === '.')) {
      at = { workspace: to, address: m.to.address + at.address.slice(m.from.address.length) };
    }
  }
  return at;
}

export function compare(input: CompareInput): Difference[] {
  const moves = input.moves;
  // A moved block's move lands in whatever workspace the address is: not a destination of its own.
  const placed = moves.filter((m) => !anywhere(m));
  // The workspaces of the effects too: a behaviour change to a module already split by workspace
  // has no moves, and its effects are in dev, prod..., never in default.
  const destinations = [...new Set([...(placed.length > 0 ? placed : moves).map((m) => m.to.workspace), ...(input.effects ?? []).map((e) => e.workspace)])];
  const workspaces = input.workspaces ?? (destinations.length > 0 ? destinations : ['default']);
  const legacy = moves.length > 0 ? input.before('default') : null;
  const diffs: Difference[] = [];
  // Data sources are read in every workspace: on either side their workspace does not matter,
  // except a data source that reads a resource by its name (src/terraform/lookups.ts): it stands
  // for the resource of that name, in the workspace that declares it.
  const readsOf = lookupReads(input, workspaces);
  const anyWorkspace = (v: Value): Value => mapRefs(v, (r) => (r.address.startsWith('data.') ? (readsOf(r) ?? { ...r, workspace: '*' }) : r));
  // Unknowns keep their source text; addresses in it are renamed like references.
  const renames = moves.filter((m) => m.from.address !== m.to.address).map((m) => [new RegExp(`(?<![\\w.-])${m.from.address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'g'), m.to.address] as const);
  const mapValue = (v: Value): Value =>
    mapRefs(
      v,
      (r) => {
        // Data sources are read in every workspace: their workspace does not matter.
        if (r.address.startsWith('data.')) return { ...r, workspace: '*' };
        const to = moveTarget(moves, r.workspace, r.address);
        return { ...r, workspace: to.workspace, address: to.address };
      },
      (source) => renames.reduce((s, [re, to]) => s.replace(re, to), source),
    );
  // A state address moved twice, or two moved onto one: state mv would refuse the second.
  const key = (a: { workspace: string; address: string }): string => `${a.workspace}:${a.address}`;
  for (const [, list] of groupBy(moves, (m) => key(m.from))) {
    if (list.length > 1) diffs.push({ workspace: list[0]!.from.workspace, address: list[0]!.from.address, path: '', before: `moved ${list.length} times`, after: list.map((m) => key(m.to)).join(' and '), action: 'destroy', intended: false });
  }
  for (const [, list] of groupBy(moves, (m) => key(m.to))) {
    if (list.length > 1) diffs.push({ workspace: list[0]!.to.workspace, address: list[0]!.to.address, path: '', before: list.map((m) => key(m.from)).join(' and '), after: 'both moved here', action: 'destroy', intended: false });
  }
  // With moves, what is not moved stays in the legacy state, where nothing declares it any more.
  if (legacy && !workspaces.includes('default')) {
    for (const [address, inst] of legacy.instances) {
      if (inst.mode === 'data' || moveTarget(moves, 'default', address).workspace !== 'default') continue;
      diffs.push({ workspace: 'default', address, path: '', before: 'in state', after: 'not moved', action: 'destroy', intended: false });
    }
  }
  for (const ws of workspaces) {
    const before = legacy ?? input.before(ws);
    const after = input.after(ws);
    const add = (d: Omit<Difference, 'workspace' | 'intended'>): void => {
      // An effect on a resource (`aws_vpc.vpc`) covers each of its instances (`aws_vpc.vpc["dev"]`), as a resource address does in Terraform.
      const intended = (input.effects ?? []).some(
        (e) => e.workspace === ws && (e.address === d.address || d.address.startsWith(`${e.address}[`)) && (d.path === e.path || d.path.startsWith(`${e.path}.`) || d.path.startsWith(`${e.path}[`) || e.path === ''),
      );
      diffs.push({ workspace: ws, intended, ...d });
    };
    // What could not be rendered on one side only (the same text on both sides is no difference).
    for (const p of before.problems) if (!after.problems.includes(p)) add({ address: '', path: '', before: p, after: '', action: 'cannot judge' });
    for (const p of after.problems) if (!before.problems.includes(p)) add({ address: '', path: '', before: '', after: p, action: 'cannot judge' });

    // What the workspace's state will hold after the moves.
    const expected = new Map<string, Instance>();
    for (const [address, inst] of before.instances) {
      if (legacy && inst.mode === 'data') {
        expected.set(address, inst);
        continue;
      }
      const to = legacy ? moveTarget(moves, 'default', address) : { workspace: ws, address };
      if (to.workspace !== ws) continue;
      const taken = expected.get(to.address);
      if (taken) {
        add({ address: to.address, path: '', before: `${taken.address} and ${inst.address} both move here`, after: 'one instance', action: 'destroy' });
        continue;
      }
      expected.set(to.address, inst);
    }
    for (const [address, was] of expected) {
      const now = after.instances.get(address);
      if (!now) {
        add({ address, path: '', before: 'declared', after: ABSENT, action: was.mode === 'data' ? 'read' : 'destroy' });
        continue;
      }
      const report: Report = (path, b, a, cannot) => add({ address, path, before: b, after: a, action: cannot ? 'cannot judge' : 'update' });
      compareBodies(mapBody(was.body, mapValue), mapBody(now.body, anyWorkspace), '', report);
      // The AWS provider's default_tags apply to the resources it manages, never to what a data
      // source reads: for a data source that difference is only its read.
      const providerReport: Report = (path, b, a, cannot) =>
        was.mode === 'data' && !cannot && /^provider\.default_tags(\[|\.|$)/.test(path) ? add({ address, path, before: b, after: a, action: 'read' }) : report(path, b, a, cannot);
      if (was.provider && now.provider) compareBodies(mapBody(was.provider, mapValue), mapBody(now.provider, anyWorkspace), 'provider', providerReport);
      compareMaps(was.lifecycle, now.lifecycle, 'lifecycle', mapValue, report);
    }
    for (const [address, now] of after.instances) {
      if (!expected.has(address)) add({ address, path: '', before: ABSENT, after: 'declared', action: now.mode === 'data' ? 'read' : 'create' });
    }
    const homes = (name: string): Set<string> =>
      new Set((before.outputRefs.get(name) ?? []).map((a) => moveTarget(moves, 'default', a).workspace));
    compareOutputs(before, after, ws, legacy !== null, homes, mapValue, anyWorkspace, (name, b, a, action) => add({ address: `output.${name}`, path: '', before: b, after: a, action }));
  }
  return diffs;
}

/** The workspaces a value's references point into (data sources and `*` aside). */
function workspacesOf(v: Value, out = new Set<string>()): Set<string> {
  mapRefs(v, (r) => {
    if (r.workspace !== '*') out.add(r.workspace);
    return r;
  });
  return out;
}

/**
 * Root outputs. Without moves they compare by name. With moves the legacy outputs are split
 * between workspaces: an output whose references all point into workspace W (or that has none)
 * must still give its value in W, under its name or a new one (a rename); outputs the new
 * configuration adds are reported but do not fail.
 */
function compareOutputs(
  before: Rendered,
  after: Rendered,
  ws: string,
  split: boolean,
  homes: (name: string) => Set<string>,
  f: (v: Value) => Value,
  g: (v: Value) => Value,
  report: (name: string, before: string, after: string, action: Action) => void,
): void {
  const afterOutputs = new Map([...after.outputs].map(([n, v]) => [n, g(v)] as const));
  if (!split) {
    compareMaps(before.outputs, afterOutputs, '', f, (name, b, a, cannot) => report(name, b, a, cannot ? 'cannot judge' : b === ABSENT ? 'output added' : 'output'));
    return;
  }
  const matched = new Set<string>();
  for (const [name, raw] of before.outputs) {
    const v = f(raw);
    // The workspaces of what the output refers to (after the moves) are where it belongs.
    const wss = new Set([...homes(name), ...workspacesOf(v)]);
    if (wss.size > 0 && !wss.has(ws)) continue;
    if (wss.size > 1) continue;
    const same = afterOutputs.get(name);
    if (same !== undefined && canonical(same) === canonical(v)) {
      matched.add(name);
      continue;
    }
    const renamed = [...afterOutputs].find(([n, x]) => !matched.has(n) && canonical(x) === canonical(v));
    if (renamed) {
      matched.add(renamed[0]);
      continue;
    }
    if (same === undefined) {
      // A new output whose value is not known may be this one renamed: that cannot be judged.
      const candidate = [...afterOutputs].find(([n, x]) => !matched.has(n) && !before.outputs.has(n) && hasUnknown(x));
      if (candidate) {
        matched.add(candidate[0]);
        report(name, show(v, candidate[1]), `output.${candidate[0]} = ${show(candidate[1], v)}`, 'cannot judge');
        continue;
      }
    }
    const unknownSide = hasUnknown(v) || (same !== undefined && hasUnknown(same));
    report(name, show(v, same), same === undefined ? ABSENT : show(same, v), unknownSide ? 'cannot judge' : 'output');
  }
  for (const [name, v] of afterOutputs) {
    if (matched.has(name) || v.t === 'null') continue;
    if (before.outputs.has(name) && canonical(f(before.outputs.get(name)!)) === canonical(v)) continue;
    report(name, ABSENT, show(v, undefined), 'output added');
  }
}

function mapBody(b: Body, f: (v: Value) => Value): Body {
  return { attrs: new Map([...b.attrs].map(([k, v]) => [k, f(v)])), blocks: b.blocks.map((x) => ({ type: x.type, body: mapBody(x.body, f) })) };
}

/** One difference: the two sides as text, and whether a value the renderer could not compute is involved. */
type Report = (path: string, before: string, after: string, cannotJudge: boolean) => void;

/** Reports a difference; the texts never show a sensitive value. */
function compareValues(path: string, a: Value | undefined, b: Value | undefined, report: Report): void {
  if (a === undefined && b === undefined) return;
  if (a && b && canonical(a) === canonical(b)) return;
  report(path, show(a, b), show(b, a), (a !== undefined && hasUnknown(a)) || (b !== undefined && hasUnknown(b)));
}

/** A value for a difference line; sensitive when either side is. */
function show(v: Value | undefined, other: Value | undefined): string {
  if (v === undefined) return ABSENT;
  return display(other && isSensitive(other) ? markSensitive(v) : v);
}

function compareMaps(a: Map<string, Value>, b: Map<string, Value>, prefix: string, f: (v: Value) => Value, report: Report): void {
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(k);
    compareValues(prefix ? `${prefix}.${k}` : k, x === undefined ? undefined : f(x), b.get(k), report);
  }
}

/** A nested block as text: `canonical` to compare, `display` (sensitive values hidden) to show. */
function bodyText(b: Body, form: (v: Value) => string = canonical): string {
  const attrs = [...b.attrs.keys()].sort().map((k) => `${k} = ${form(b.attrs.get(k)!)}`);
  const blocks = b.blocks.map((x) => `${x.type} { ${bodyText(x.body, form)} }`);
  return `{ ${[...attrs, ...blocks].join(', ')} }`;
}

function bodyUnknown(b: Body): boolean {
  return [...b.attrs.values()].some(hasUnknown) || b.blocks.some((x) => bodyUnknown(x.body));
}

function compareBodies(a: Body, b: Body, prefix: string, report: Report): void {
  compareMaps(a.attrs, b.attrs, prefix, (v) => v, report);
  const types = new Set([...a.blocks.map((x) => x.type), ...b.blocks.map((x) => x.type)]);
  for (const type of types) {
    const xs = a.blocks.filter((x) => x.type === type);
    const ys = b.blocks.filter((x) => x.type === type);
    const at = (i: number): string => `${prefix ? `${prefix}.` : ''}${type}[${i}]`;
    if (SET_BLOCKS.has(type)) {
      const left = xs.map((x) => bodyText(x.body));
      const right = ys.map((y) => bodyText(y.body));
      xs.forEach((x, i) => {
        if (!right.includes(left[i]!)) report(`${prefix ? `${prefix}.` : ''}${type}`, bodyText(x.body, display), ABSENT, bodyUnknown(x.body));
      });
      ys.forEach((y, i) => {
        if (!left.includes(right[i]!)) report(`${prefix ? `${prefix}.` : ''}${type}`, ABSENT, bodyText(y.body, display), bodyUnknown(y.body));
      });
      continue;
    }
    for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
      const x = xs[i];
      const y = ys[i];
      if (x && y) compareBodies(x.body, y.body, at(i), report);
      else report(at(i), x ? bodyText(x.body, display) : ABSENT, y ? bodyText(y.body, display) : ABSENT, bodyUnknown((x ?? y)!.body));
    }
  }
}

type Ref = Extract<Value, { t: 'ref' }>;

/**
 * The resource a lookup data source reads: `data.aws_lb.dev_api` with `name = "api-dev"` is the
 * one `aws_lb` instance whose `name` is "api-dev" in the configuration after, in whichever
 * target workspace declares it (its attribute named as the resource names it). Null when the
 * data source is no lookup, or when not exactly one instance matches.
 */
function lookupReads(input: CompareInput, workspaces: readonly string[]): (r: Ref) => Ref | null {
  const cache = new Map<string, Ref | null>();
  return (r) => {
    const found = lookupOfData(r.address.split('.')[1] ?? '');
    const attr = r.path[0];
    if (!found || typeof attr !== 'string') return null;
    const key = `${r.address}|${attr}`;
    if (!cache.has(key)) {
      const resourceAttr = Object.entries(found.lookup.attributes).find(([, dataAttr]) => dataAttr === attr)?.[0];
      const data = workspaces.map((ws) => input.after(ws).instances.get(r.address)).find((i) => i !== undefined);
      const wanted = Object.entries(found.lookup.by).map(([arg, dataArg]) => [arg, data?.body.attrs.get(dataArg)] as const);
      const matches: Ref[] = [];
      if (resourceAttr && wanted.every(([, v]) => v?.t === 'string')) {
        for (const ws of workspaces) {
          for (const [address, inst] of input.after(ws).instances) {
            if (inst.mode !== 'managed' || inst.block.labels[0] !== found.resource) continue;
            const same = wanted.every(([arg, v]) => {
              const a = inst.body.attrs.get(arg);
              return a?.t === 'string' && v?.t === 'string' && a.v === v.v;
            });
            if (same) matches.push({ t: 'ref', workspace: ws, address, path: [resourceAttr] });
          }
        }
      }
      cache.set(key, matches.length === 1 ? matches[0]! : null);
    }
    const hit = cache.get(key);
    return hit ? { ...hit, path: [...hit.path, ...r.path.slice(1)] } : null;
  };
}

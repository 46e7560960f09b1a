// The per-environment value of an argument of a resource, read and written, for the behaviour
// transforms (env-sizing, rds-hardening). A resource is per environment in one of three ways:
// - `workspace`: merged by workspace (merge-environments' default): one block, planned in each
//   environment's workspace, its values in `local.x[terraform.workspace]` maps (or literal when
//   every environment has the same value);
// - `for_each`: merged by `for_each = toset(["dev", ...])`, values in `local.x[each.key]` maps,
//   instances `type.name["dev"]` in workspace default;
// - `copy`: an unmerged per-environment copy (`aws_db_instance.prod_db`): its environment comes
//   from its name.
// Reading uses the renderer (each environment's effective value, null meaning unset); writing
// edits the map entry, or turns a literal (or an absent argument) into a per-environment map the
// way merge-environments writes them, or edits the copy. What cannot be edited faithfully is
// refused with a one-line reason.
import { attributeName, attributeOf, attributeValue, blockClose, blockType, bodyOf, isConstant, itemsOf, objectElements } from '../cst/nodes.js';
import type { Node } from '../cst/parser.js';
import { attribute, block, object, printBlock, raw } from '../cst/printer.js';
import { lineStartOf } from '../cst/text.js';
import type { ChangeBuilder, ModuleView } from '../engine/transform.js';
import type { Effect } from '../engine/types.js';
import { renderModule, type Instance, type Rendered } from '../render/render.js';
import type { Value } from '../render/value.js';
import { splitEnvName } from './environments.js';
import type { BlockRef } from './module-index.js';
import { traversalsIn } from './references.js';
import { workspaceEnvironments } from './workspaces.js';

export type EnvStrategy = 'workspace' | 'for_each' | 'copy';

/** The file merge-environments keeps per-environment maps in. */
export const ENVIRONMENTS_FILE = 'environments.tf';

export interface EnvInstance {
  env: string;
  /** The state it lives in and its address there: what an Effect names. */
  workspace: string;
  address: string;
  instance: Instance;
}

export interface EnvResource {
  block: BlockRef;
  /** `aws_db_instance.postgres`. */
  address: string;
  strategy: EnvStrategy;
  /** Every instance, with its environment, in environment order. */
  instances: EnvInstance[];
  /** Its environments, in order. */
  envs: string[];
}

/** How an argument is written in the block. */
export type Slot =
  | { kind: 'absent' }
  | { kind: 'literal'; attr: Node; value: Node }
  | { kind: 'map'; attr: Node; local: string; entries: Map<string, Node> }
  | { kind: 'refused'; reason: string };

/** A module's resources per environment, rendered once per workspace. */
export class EnvModel {
  private readonly renders = new Map<string, Rendered>();
  /** Environments of a module split by workspace; null when it is not. */
  readonly workspaces: string[] | null;
  private readonly localUses = new Map<string, number>();
  private readonly names: Set<string>;

  constructor(
    readonly module: ModuleView,
    private readonly environments: readonly string[] | undefined,
  ) {
    for (const f of module.files) {
      for (const t of traversalsIn(f.tree.rootNode, f.text)) {
        if (t.root === 'local' && typeof t.steps[0] === 'string') this.localUses.set(t.steps[0], (this.localUses.get(t.steps[0]) ?? 0) + 1);
      }
    }
    this.names = new Set(module.index.locals.keys());
    this.workspaces = this.findWorkspaces();
  }

  rendered(workspace: string): Rendered {
    let r = this.renders.get(workspace);
    if (!r) {
      r = renderModule(this.module.index, { workspace, variables: new Map(), readFile: () => null });
      this.renders.set(workspace, r);
    }
    return r;
  }

  /**
   * The workspaces of a module split by workspace (src/terraform/workspaces.ts), or the
   * `--environments` given, when it reads `terraform.workspace`.
   */
  private findWorkspaces(): string[] | null {
    const envs = workspaceEnvironments(this.module.index);
    if (envs === null) return null;
    if (this.environments && this.environments.length > 0) return [...this.environments];
    return envs.length > 0 ? envs : null;
  }

  /** The resources of these types that belong to environments, with their instances. */
  resources(types: readonly string[]): EnvResource[] {
    const out: EnvResource[] = [];
    for (const b of this.module.index.blocks) {
      if (b.type !== 'resource' || !types.includes(b.labels[0] ?? '') || !b.labels[1]) continue;
      const address = `${b.labels[0]}.${b.labels[1]}`;
      const instances: EnvInstance[] = [];
      let strategy: EnvStrategy;
      if (this.workspaces) {
        strategy = 'workspace';
        for (const ws of this.workspaces) for (const [a, inst] of this.rendered(ws).instances) if (inst.block === b) instances.push({ env: ws, workspace: ws, address: a, instance: inst });
      } else {
        const forEach = attributeOf(b.body, 'for_each');
        const own = [...this.rendered('default').instances].filter(([, inst]) => inst.block === b);
        if (forEach) {
          strategy = 'for_each';
          for (const [a, inst] of own) {
            const key = /\["([^"\\]*)"\]$/.exec(a)?.[1];
            if (key !== undefined && this.isEnvironment(key)) instances.push({ env: key, workspace: 'default', address: a, instance: inst });
          }
        } else {
          strategy = 'copy';
          const env = splitEnvName(b.labels[1], this.environments && this.environments.length > 0 ? this.environments : undefined)?.env;
          if (env) for (const [a, inst] of own) instances.push({ env, workspace: 'default', address: a, instance: inst });
        }
      }
      if (instances.length === 0) continue;
      out.push({ block: b, address, strategy, instances, envs: [...new Set(instances.map((i) => i.env))] });
    }
    return out;
  }

  private isEnvironment(key: string): boolean {
    return this.environments && this.environments.length > 0 ? this.environments.includes(key) : splitEnvName(`${key}_x`) !== null;
  }

  /** How argument `name` of the resource is written, or why it cannot be edited. */
  slot(res: EnvResource, name: string): Slot {
    const b = res.block;
    const text = b.file.text;
    const lc = itemsOf(b.body).find((i) => i.type === 'block' && blockType(i) === 'lifecycle');
    const ignore = lc ? attributeOf(bodyOf(lc), 'ignore_changes') : null;
    if (ignore) {
      const ignored = traversalsIn(attributeValue(ignore)!, text).map((t) => t.root);
      if (ignored.includes(name) || ignored.includes('all')) return { kind: 'refused', reason: `its lifecycle ignore_changes lists ${name}: Terraform would not apply a change to it` };
    }
    const attr = attributeOf(b.body, name);
    if (!attr) return { kind: 'absent' };
    const value = attributeValue(attr)!;
    if (isConstant(value)) return { kind: 'literal', attr, value };
    if (res.strategy !== 'copy') {
      const sel = res.strategy === 'workspace' ? 'terraform.workspace' : 'each.key';
      const compact = text.slice(value.startIndex, value.endIndex).replace(/\s+/g, '');
      const m = /^local\.([A-Za-z_][A-Za-z0-9_-]*)\[(terraform\.workspace|each\.key)\]$/.exec(compact);
      if (m && m[2] === sel) {
        const local = m[1]!;
        const l = this.module.index.locals.get(local);
        if (!l) return { kind: 'refused', reason: `local.${local} is not defined in this module` };
        if ((this.localUses.get(local) ?? 0) > 1) return { kind: 'refused', reason: `local.${local} is also used elsewhere: changing it would change more than ${name}` };
        const entries = new Map<string, Node>();
        for (const e of objectElements(attributeValue(l.attr)!, l.block.file.text)) {
          if (!isConstant(e.value)) return { kind: 'refused', reason: `local.${local}["${e.key}"] is an expression, not a value tfcodemod can edit faithfully` };
          entries.set(e.key, e.value);
        }
        const missing = res.envs.filter((e) => !entries.has(e));
        if (missing.length > 0) return { kind: 'refused', reason: `local.${local} has no entry for ${missing.join(', ')}` };
        return { kind: 'map', attr, local, entries };
      }
    }
    return { kind: 'refused', reason: `${name} is the expression \`${text.slice(value.startIndex, value.endIndex).replace(/\s+/g, ' ')}\`, which tfcodemod cannot edit faithfully` };
  }

  /** A name for a new local, not yet used in the module nor taken by this run. */
  newLocal(base: string): string {
    let name = base;
    for (let i = 2; this.names.has(name); i++) name = `${base}_${i}`;
    this.names.add(name);
    return name;
  }

  /**
   * Writes new values of argument `name` (HCL text per environment; environments left out keep
   * theirs) through `c`, and records the effects: one per instance whose value changes, with what
   * AWS does to apply it (one action, or one per environment).
   */
  write(c: ChangeBuilder, res: EnvResource, name: string, slot: Slot, values: ReadonlyMap<string, string>, action: Effect['action'] | ReadonlyMap<string, Effect['action']>): void {
    if (slot.kind === 'refused') throw new Error(`cannot write ${res.address}.${name}: ${slot.reason}`);
    const file = res.block.file;
    const sel = res.strategy === 'workspace' ? 'terraform.workspace' : 'each.key';
    if (slot.kind === 'map') {
      const mapFile = this.module.index.locals.get(slot.local)!.block.file;
      for (const [env, text] of values) c.replaceNode(mapFile, slot.entries.get(env)!, text);
    } else {
      const current = slot.kind === 'literal' ? file.text.slice(slot.value.startIndex, slot.value.endIndex) : null;
      const final = res.envs.map((env) => values.get(env) ?? current ?? 'null');
      let expr: string;
      if (res.strategy === 'copy' || final.every((t) => t === final[0])) expr = final[0]!;
      else {
        const local = this.newLocal(`${res.block.labels[1]}_${name}`);
        expr = `local.${local}[${sel}]`;
        c.appendItem(ENVIRONMENTS_FILE, printBlock(block('locals', [], [attribute(local, object(res.envs.map((env, i) => [env, raw(final[i]!)])))])));
      }
      if (slot.kind === 'literal') c.replaceNode(file, slot.value, expr);
      else insertAttribute(c, res.block, name, expr);
    }
    for (const i of res.instances) {
      if (values.has(i.env)) c.effect({ workspace: i.workspace, address: i.address, path: name, action: typeof action === 'string' ? action : action.get(i.env)! });
    }
  }
}

/**
 * Inserts `name = value` at the end of a block's body without touching a line already there:
 * in the last run of one-line attributes when the name fits its `=` column (padded to it), else
 * as a paragraph of its own. So several changes can each add an argument to one block.
 */
function insertAttribute(c: ChangeBuilder, b: BlockRef, name: string, value: string): void {
  const text = b.file.text;
  const close = blockClose(b.node)!;
  const closeLine = lineStartOf(text, close.startIndex);
  const indent = ' '.repeat(b.node.startPosition.column + 2);
  const items = itemsOf(b.body);
  const oneLine = (n: Node | undefined): n is Node => n?.type === 'attribute' && n.startPosition.row === n.endPosition.row;
  // The last one-line attribute not directly followed by another attribute (a multi-line one
  // would belong to its run), and the run of one-line attributes it ends.
  let end = items.length - 1;
  while (end >= 0 && !(oneLine(items[end]) && (end === items.length - 1 || items[end + 1]!.type !== 'attribute' || items[end + 1]!.startPosition.row > items[end]!.endPosition.row + 1))) end--;
  const last = items[end];
  const run: Node[] = [];
  for (let i = end; i >= 0 && oneLine(items[i]) && (run.length === 0 || items[i]!.endPosition.row + 1 === run[run.length - 1]!.startPosition.row); i--) run.push(items[i]!);
  const width = Math.max(0, ...run.map((a) => attributeName(a).length));
  if (last && run.length > 0 && name.length <= width) {
    // Before the line break of the run's last line.
    let at = text.indexOf('\n', last.endIndex);
    if (at === -1) at = text.length;
    if (text[at - 1] === '\r') at--;
    c.insert(b.file, at, `\n${indent}${name.padEnd(width)} = ${value}`);
  } else {
    c.insert(b.file, closeLine, `${items.length > 0 ? '\n' : ''}${indent}${name} = ${value}\n`);
  }
}

/** The value of an argument of a rendered instance (undefined when unset or null). */
export function argument(i: EnvInstance, name: string): Value | undefined {
  const v = i.instance.body.attrs.get(name);
  return v === undefined || v.t === 'null' ? undefined : v;
}

export const stringOf = (v: Value | undefined): string | null => (v?.t === 'string' ? v.v : null);
export const numberOf = (v: Value | undefined): number | null => (v?.t === 'number' ? v.v : null);
export const boolOf = (v: Value | undefined): boolean | null => (v?.t === 'bool' ? v.v : null);

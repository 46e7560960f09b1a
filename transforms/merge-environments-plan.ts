// Planning for merge-environments: which blocks are copies of one another per environment,
// which can be merged faithfully, and which cannot (with the reason). Read-only.
import { attributeOf, attributeValue, blocksOf, normalizedText } from '../src/cst/nodes.js';
import type { ModuleView, TransformContext } from '../src/engine/transform.js';
import { orderEnvironments, owningEnvironment, splitEnvName } from '../src/terraform/environments.js';
import { ignores } from '../src/terraform/ignore-directive.js';
import { blockAddress, META_ARGUMENTS, type BlockRef } from '../src/terraform/module-index.js';

export const ID = 'merge-environments';

export type Strategy = 'workspace' | 'for_each';

export interface Member {
  env: string;
  block: BlockRef;
  /** Legacy address (`aws_vpc.dev_vpc`, `module.network_dev`, `data.aws_ami.dev`). */
  address: string;
}

export interface Group {
  kind: 'resource' | 'data' | 'module';
  /** Resource or data source type ('' for module calls). */
  type: string;
  /** Name of the merged block. */
  name: string;
  /** Members in environment order. */
  members: Member[];
  /** Present in only some environments (workspace strategy: gated with count). */
  partial: boolean;
}

/** A variable declared once per environment (`dev_postgres_password`), folded into one. */
export interface VariableGroup {
  name: string;
  members: { env: string; block: BlockRef }[];
}

/** Why something cannot be merged, and the block it is about. */
export interface Problem {
  message: string;
  at: BlockRef;
}

export interface Plan {
  strategy: Strategy;
  envs: string[];
  groups: Group[];
  /** Managed resources and module calls no environment owns (workspace strategy: one owner). */
  shared: BlockRef[];
  /** Groups refused while planning (workspace strategy: each copy in its own workspace). */
  unmerged: Member[][];
  /** Managed resources and module calls marked tfcodemod:ignore (no workspace can be given them). */
  ignored: BlockRef[];
  owner: string;
  variables: VariableGroup[];
}


export function nameOf(b: BlockRef): string {
  return (b.type === 'module' ? b.labels[0] : b.labels[1]) ?? '';
}

/** Text of a meta-argument or lifecycle, for checking that members agree. */
function metaText(b: BlockRef): string {
  const parts = META_ARGUMENTS.map((m) => {
    const a = attributeOf(b.body, m);
    return a ? `${m}=${normalizedText(attributeValue(a)!, b.file.text)}` : '';
  });
  for (const lc of blocksOf(b.body, 'lifecycle')) parts.push(normalizedText(lc, b.file.text));
  return parts.join('|');
}

export function planMerge(module: ModuleView, ctx: TransformContext): Plan | null {
  const strategy: Strategy = ctx.options.strategy === 'for_each' ? 'for_each' : 'workspace';
  const given = ctx.options.environments as string[] | undefined;
  const candidates = new Map<string, Member[]>();
  const unclaimed: BlockRef[] = [];
  for (const b of module.index.blocks) {
    const address = blockAddress(b);
    if (!address) continue;
    const split = splitEnvName(nameOf(b), given);
    if (!split) {
      unclaimed.push(b);
      continue;
    }
    const key = `${b.type}|${b.type === 'module' ? '' : b.labels[0]}|${split.base}`;
    candidates.set(key, [...(candidates.get(key) ?? []), { env: split.env, block: b, address }]);
  }
  // The environments are those that copies of one block were made for.
  const envs = given
    ? orderEnvironments(given.map((e) => e.toLowerCase()))
    : orderEnvironments([...candidates.values()].filter((ms) => new Set(ms.map((m) => m.env)).size >= 2).flatMap((ms) => ms.map((m) => m.env)));
  if (envs.length < 2) return null;

  const groups: Group[] = [];
  const unmerged: Member[][] = [];
  const taken = new Set(module.index.blocks.map((b) => `${b.type}|${b.labels.slice(0, b.type === 'module' ? 1 : 2).join('|')}`));
  for (const [key, members] of candidates) {
    const [kind, type, base] = key.split('|') as ['resource' | 'data' | 'module', string, string];
    const inEnvs = members.filter((m) => envs.includes(m.env));
    if (inEnvs.length < members.length) {
      unclaimed.push(...members.filter((m) => !envs.includes(m.env)).map((m) => m.block));
    }
    if (inEnvs.length === 0) continue;
    // One state holds every environment: a block only one environment has is not a copy of
    // anything and stays as it is (the workspace strategy must still give it a workspace).
    if (strategy === 'for_each' && inEnvs.length === 1) {
      unclaimed.push(inEnvs[0]!.block);
      continue;
    }
    const refuse = (reason: string): void => {
      ctx.finding('warning', `${inEnvs.map((m) => m.address).join(', ')}: not merged: ${reason}`, { file: inEnvs[0]!.block.file, node: inEnvs[0]!.block.node });
      if (inEnvs.every((m) => m.block.type !== 'data' && !ignores(m.block.ignore, ID))) unmerged.push(inEnvs);
    };
    if (new Set(inEnvs.map((m) => m.env)).size < inEnvs.length) {
      refuse('two blocks claim the same environment');
      continue;
    }
    if (inEnvs.some((m) => ignores(m.block.ignore, ID))) {
      refuse('a member is marked tfcodemod:ignore');
      continue;
    }
    // Meta-arguments cannot come from a map.
    const metas = new Set(inEnvs.map((m) => metaText(m.block)));
    if (metas.size > 1) {
      refuse('its members differ in meta-arguments (count, for_each, provider, depends_on or lifecycle), which cannot vary per environment');
      continue;
    }
    if (strategy === 'for_each' && inEnvs.some((m) => attributeOf(m.block.body, 'count') || attributeOf(m.block.body, 'for_each'))) {
      refuse('its members use count or for_each themselves; with --strategy for_each that would need composite keys, which tfcodemod does not write');
      continue;
    }
    // The merged name must not collide with a block that stays.
    let name = base;
    const slot = (n: string): string => `${kind}|${kind === 'module' ? n : `${type}|${n}`}`;
    for (let i = 2; taken.has(slot(name)) && !inEnvs.some((m) => slot(nameOf(m.block)) === slot(name)); i++) name = `${base}_${i}`;
    taken.add(slot(name));
    const ordered = envs.map((e) => inEnvs.find((m) => m.env === e)).filter((m): m is Member => m !== undefined);
    groups.push({ kind, type, name, members: ordered, partial: ordered.length < envs.length });
  }

  // One state (for_each) has every environment's value at once: variables fold only per workspace.
  const variables: VariableGroup[] = [];
  const byBase = new Map<string, { env: string; block: BlockRef }[]>();
  for (const [name, block] of strategy === 'workspace' ? module.index.variables : new Map<string, BlockRef>()) {
    const split = splitEnvName(name, envs);
    if (split) byBase.set(split.base, [...(byBase.get(split.base) ?? []), { env: split.env, block }]);
  }
  for (const [base, members] of byBase) {
    if (members.length < 2 || module.index.variables.has(base)) continue;
    // Only variables without defaults fold (their values come per workspace).
    if (members.some((m) => attributeOf(m.block.body, 'default'))) continue;
    variables.push({ name: base, members });
  }

  const managed = (b: BlockRef): boolean => b.type === 'resource' || b.type === 'module';
  const shared = unclaimed.filter((b) => managed(b) && !ignores(b.ignore, ID));
  const ignored = module.index.blocks.filter((b) => managed(b) && ignores(b.ignore, ID));
  if (groups.length === 0) return null;
  return { strategy, envs, groups, shared, unmerged, ignored, owner: (ctx.options.sharedWorkspace as string | undefined) ?? owningEnvironment(envs), variables };
}

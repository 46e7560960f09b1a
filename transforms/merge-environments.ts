// merge-environments: per-environment copies (`aws_vpc.dev_vpc`, `staging_vpc`, `prod_vpc`)
// become one definition whose per-environment values are looked up by `terraform.workspace`
// (or keyed by `for_each`), with the state moves that keep `terraform plan` empty.
import { attributeOf, attributeValue, bodyOf, itemsOf } from '../src/cst/nodes.js';
import type { Node } from '../src/cst/parser.js';
import { printBlock, block, attribute, raw, type BodyItem } from '../src/cst/printer.js';
import { realign, removalRange } from '../src/cst/structure.js';
import { defineTransform, type ChangeBuilder, type ModuleView, type TransformContext } from '../src/engine/transform.js';
import { TFMIGRATE_DIR } from '../src/engine/tfmigrate.js';
import type { StateMove } from '../src/engine/types.js';
import { renderModule } from '../src/render/render.js';
import { blockAddress, type BlockRef } from '../src/terraform/module-index.js';
import { requireTerraform } from '../src/terraform/required-version.js';
import { traversalsIn } from '../src/terraform/references.js';
import { rewrite, selector, type DataLookup, type ExprContext, type Target } from './merge-environments-expr.js';
import { leadingCommentRange, reindent } from '../src/cst/block-data.js';
import { list, mergeGroup, type Merged } from './merge-environments-merge.js';
import { ID, nameOf, planMerge, type Group, type Member, type Plan, type Problem } from './merge-environments-plan.js';
import { outputEdits, outputProblems } from './merge-environments-outputs.js';
import { foldVariables } from './merge-environments-variables.js';

const LOCALS_FILE = 'environments.tf';

/**
 * Workspace strategy: blocks that are not merged but must live in one workspace, with the
 * workspace. Shared blocks live in the owning one; copies in a group that cannot merge stay as
 * they are, each in its own environment's workspace.
 */
type Homes = Map<BlockRef, { env: string; why: string }>;

function targetsOf(plan: Plan, groups: Group[], homes: Homes): Map<string, Target> {
  const targets = new Map<string, Target>();
  for (const g of groups) {
    const merged = g.kind === 'module' ? `module.${g.name}` : g.kind === 'data' ? `data.${g.type}.${g.name}` : `${g.type}.${g.name}`;
    const envs = g.members.map((m) => m.env);
    for (const m of g.members) {
      targets.set(m.address, { envs, env: m.env, merged, indexed: plan.strategy === 'workspace' && g.partial && !isCounted(m.block), block: m.block });
    }
  }
  for (const [b, home] of homes) targets.set(addressOf(b), { envs: [home.env], env: null, merged: addressOf(b), indexed: !isCounted(b), block: b });
  return targets;
}

const notMerged = (m: Member, group: Member[]): string => `The ${m.env} copy, not merged with ${group.filter((x) => x !== m).map((x) => nameOf(x.block)).join(', ')}`;

const isCounted = (b: BlockRef): boolean => attributeOf(b.body, 'count') !== null || attributeOf(b.body, 'for_each') !== null;

/** Blocks given a home are resources, data sources or module calls: they have an address. */
const addressOf = (b: BlockRef): string => blockAddress(b)!;

interface Prepared {
  merged: Map<Group, Merged>;
  targets: Map<string, Target>;
  variables: Map<string, { env: string; name: string }>;
  problems: Problem[];
  /** Rewrites of the blocks that stay (shared blocks, data sources, locals), by expression. */
  staying: { block: BlockRef; node: Node; text: string }[];
  homes: Homes;
  /** Data sources that read what lives in another workspace, one per object. */
  lookups: DataLookup[];
}

/**
 * The blocks that are not merged still refer to merged ones: shared blocks are evaluated in the
 * owning workspace, data sources and locals in every workspace.
 */
function rewriteStaying(module: ModuleView, groups: Group[], homes: Homes, ctx: (env: string | null) => ExprContext): { problems: Problem[]; staying: Prepared['staying']; lookups: DataLookup[] } {
  const problems: Problem[] = [];
  const staying: Prepared['staying'] = [];
  const lookups: DataLookup[] = [];
  const inGroup = new Set(groups.flatMap((g) => g.members.map((m) => m.block)));
  for (const b of module.index.blocks) {
    if (inGroup.has(b) || b.type === 'output' || b.type === 'variable' || b.type === 'terraform' || b.type === 'moved' || b.type === 'import') continue;
    const env = homes.get(b)?.env ?? null;
    const visit = (body: Node | null): void => {
      for (const item of itemsOf(body)) {
        if (item.type === 'block') {
          visit(bodyOf(item));
          continue;
        }
        const v = attributeValue(item);
        if (!v) continue;
        // Only references change: a block that is not merged keeps its literal text.
        const r = rewrite(v, b.file.text, { ...ctx(env), tokens: false });
        if (r.problems.length > 0) problems.push({ message: `${b.type} ${b.labels.join('.') || ''}: ${r.problems.join('; ')}`, at: b });
        else if (r.text !== b.file.text.slice(v.startIndex, v.endIndex)) staying.push({ block: b, node: v, text: r.text });
        lookups.push(...r.lookups);
      }
    };
    visit(b.body);
  }
  return { problems, staying, lookups };
}

/**
 * Names for the data sources that read a resource of another workspace: the resource's own
 * name (`data.aws_lb.dev_api` reads `aws_lb.dev_api`), unless the module has that data source.
 */
function lookupNames(module: ModuleView): (address: string, dataType: string) => string {
  const names = new Map<string, string>();
  const taken = (dataType: string, name: string): boolean => module.index.resources.has(`data.${dataType}.${name}`) || [...names.values()].includes(`${dataType}.${name}`);
  return (address, dataType) => {
    let name = names.get(address)?.slice(dataType.length + 1);
    if (name === undefined) {
      const base = address.slice(address.indexOf('.') + 1);
      name = base;
      for (let i = 1; taken(dataType, name); i++) name = `${base}_lookup${i === 1 ? '' : i}`;
      names.set(address, `${dataType}.${name}`);
    }
    return name;
  };
}

/** The data source blocks, once each, in the order first used. */
function lookupBlocks(lookups: readonly DataLookup[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const l of lookups) {
    if (seen.has(`${l.type}.${l.name}`)) continue;
    seen.add(`${l.type}.${l.name}`);
    out.push(`# ${l.of} lives in another workspace after the split: read it by its name.\n${printBlock(block('data', [l.type, l.name], l.args.map(([a, v]) => attribute(a, raw(v)))))}`);
  }
  return out;
}

/**
 * Merges every group; groups that cannot merge drop out (to a fixed point), each with its
 * reasons. With the workspace strategy their copies stay as they are, each in its own
 * environment's workspace; what still cannot land in a workspace is a problem for the module.
 */
function prepare(plan: Plan, module: ModuleView, ctx: TransformContext): Prepared {
  const variables = new Map<string, { env: string; name: string }>();
  for (const v of plan.variables) for (const m of v.members) variables.set(m.block.labels[0]!, { env: m.env, name: v.name });
  const homes: Homes = new Map();
  const pinned: Problem[] = [];
  if (plan.strategy === 'workspace') {
    for (const b of plan.shared) homes.set(b, { env: plan.owner, why: 'Shared by every environment' });
    for (const g of plan.unmerged) for (const m of g) homes.set(m.block, { env: m.env, why: notMerged(m, g) });
    for (const b of plan.ignored) pinned.push({ message: `${addressOf(b)} is marked tfcodemod:ignore, so it cannot be kept to one workspace; every workspace would plan to create it`, at: b });
  }
  let groups = plan.groups;
  const lookupName = plan.strategy === 'workspace' ? lookupNames(module) : undefined;
  for (;;) {
    const targets = targetsOf(plan, groups, homes);
    const localNames = new Set(module.index.locals.keys());
    const merged = new Map<Group, Merged>();
    const refused: Group[] = [];
    for (const g of groups) {
      const m = mergeGroup(g, { strategy: plan.strategy, envs: plan.envs, targets, variables, localNames, ...(lookupName ? { lookupName } : {}) });
      merged.set(g, m);
      if (m.problems.length > 0) refused.push(g);
    }
    if (refused.length === 0) {
      const exprCtx = (env: string | null): ExprContext => ({ strategy: plan.strategy, env, envs: plan.envs, targets, variables });
      const stay = rewriteStaying(module, groups, homes, (env) => ({ ...exprCtx(env), ...(lookupName ? { lookupName } : {}) }));
      const problems = [...pinned, ...stay.problems, ...outputProblems(plan, module, exprCtx)];
      const lookups = [...groups.flatMap((g) => merged.get(g)!.lookups), ...stay.lookups];
      return { merged, targets, variables, problems, staying: stay.staying, homes, lookups };
    }
    for (const g of refused) {
      const first = g.members[0]!;
      ctx.finding('warning', `${g.members.map((m) => m.address).join(', ')}: not merged: ${[...new Set(merged.get(g)!.problems)].join('; ')}`, { file: first.block.file, node: first.block.node });
      if (plan.strategy === 'workspace' && g.kind !== 'data') for (const m of g.members) homes.set(m.block, { env: m.env, why: notMerged(m, g.members) });
    }
    groups = groups.filter((g) => !refused.includes(g));
  }
}

/** The legacy instances of a block (keys from count/for_each, rendered like plan would). */
function instancesOf(instances: ReadonlySet<string>, address: string): string[] {
  return [...instances].filter((a) => a === address || (a.startsWith(address) && a[address.length] === '['));
}

function apply(plan: Plan, module: ModuleView, ctx: TransformContext): void {
  const prepared = prepare(plan, module, ctx);
  const sel = selector(plan.strategy);
  if (prepared.problems.length > 0) {
    for (const p of prepared.problems) ctx.finding('warning', `not split by workspace: ${p.message}`, { file: p.at.file, node: p.at.node });
    ctx.finding('warning', `the module is left as it is: with the workspace strategy every block must land in a workspace where what it refers to exists (--strategy for_each keeps one state and merges what it can)`);
    return;
  }
  if (prepared.merged.size === 0) return;
  const legacy = renderModule(module.index, { workspace: 'default', variables: new Map(), readFile: () => null });
  const instances = new Set(legacy.instances.keys());
  for (const p of legacy.problems) ctx.finding('warning', `instances not known for the state moves: ${p}`);
  const groups = [...prepared.merged.keys()];
  const mergedAddress = (g: Group): string => prepared.targets.get(g.members[0]!.address)!.merged;
  const exprCtx = (env: string | null): ExprContext => ({ strategy: plan.strategy, env, envs: plan.envs, targets: prepared.targets, variables: prepared.variables });
  const ids = groups.map((g) => `${ID}:${mergedAddress(g)}`);
  const baseId = `${ID}:module`;
  // With for_each the moves stay in one state: moved blocks unless another format is asked for.
  const movedBlocks = plan.strategy === 'for_each' && (ctx.options.migrationFormat ?? 'moved') === 'moved';

  for (const g of groups) {
    const m = prepared.merged.get(g)!;
    const base = g.members[0]!;
    const target = mergedAddress(g);
    const moves: StateMove[] = [];
    if (g.kind !== 'data') {
      for (const member of g.members) {
        for (const inst of instancesOf(instances, member.address)) {
          const suffix = inst.slice(member.address.length);
          const t = prepared.targets.get(member.address)!;
          const to = plan.strategy === 'for_each' ? `${target}[${JSON.stringify(member.env)}]${suffix}` : `${target}${suffix || (t.indexed ? '[0]' : '')}`;
          moves.push({
            from: { workspace: 'default', address: inst },
            to: { workspace: plan.strategy === 'workspace' ? member.env : 'default', address: to },
            ...(movedBlocks ? { via: 'moved' as const } : {}),
          });
        }
      }
    }
    const requires = new Set<string>();
    for (const member of g.members) {
      for (const t of traversalsIn(member.block.node, member.block.file.text)) {
        const name = typeof t.steps[0] === 'string' ? `${t.root}.${t.steps[0]}` : '';
        const other = groups.find((o) => o !== g && o.members.some((x) => x.address === name || (t.root === 'data' && x.address === `data.${t.steps[0]}.${t.steps[1]}`)));
        if (other) requires.add(`${ID}:${mergedAddress(other)}`);
      }
    }
    ctx.change(
      {
        subject: target,
        title:
          g.members.length === 1
            ? `Rename ${base.address} to ${target} (only in ${base.env})`
            : `Merge ${g.members.map((x) => x.address).join(', ')} into ${target}${plan.strategy === 'for_each' ? ` (for_each over ${g.members.map((x) => x.env).join(', ')})` : ''}`,
        reason: `${g.members.length === 1 ? `${base.address} exists only for ${base.env}` : `These are copies for ${g.members.map((x) => x.env).join(', ')}`}: one definition with per-environment values${plan.strategy === 'workspace' ? ` looked up by terraform.workspace${g.partial ? `, counted only in ${g.members.map((x) => x.env).join(', ')}` : ''}` : ' keyed by each.key'}. ${moves.length} state move${moves.length === 1 ? '' : 's'}.`,
        kind: 'refactor',
      },
      (c) => {
        const file = base.block.file;
        // Comments of the other copies go above the merged block, marked with their environment.
        const moved: string[] = [];
        for (const x of g.members.slice(1)) {
          const above = leadingCommentRange(x.block.node, x.block.file.text);
          const lines = above ? x.block.file.text.slice(above.start, above.end).split('\n').map((l) => l.trim()).filter(Boolean) : [];
          for (const l of lines) moved.push(`# ${x.env}: ${l.replace(/^(#|\/\/)\s?/, '')}`);
        }
        const indent = ' '.repeat(base.block.node.startPosition.column);
        const text = realign(m.text);
        c.replace(file, base.block.node.startIndex, base.block.node.endIndex, (moved.length ? moved.map((l, i) => (i === 0 ? l : indent + l)).join('\n') + `\n${indent}` : '') + text);
        for (const x of g.members.slice(1)) {
          const r = removalRange(x.block.file.text, x.block.node);
          c.remove(x.block.file, r.start, r.end);
        }
        if (m.locals.length > 0) {
          const items: BodyItem[] = m.locals.map(([name, value]) => attribute(name, raw(reindent(value, 0, 2))));
          c.appendItem(LOCALS_FILE, realign(printBlock(block('locals', [], items))));
        }
        for (const x of moves) c.move(x);
        for (const note of new Set(m.notes.filter((n) => n.mistake).map((n) => n.text))) c.finding('warning', `${target}: ${note}: probably a mistake in the legacy code, kept as it was`, { file, node: base.block.node });
        for (const note of new Set(m.notes.filter((n) => !n.mistake).map((n) => n.text))) c.finding('info', `${target}: ${note}`, { file, node: base.block.node });
        for (const r of requires) c.requires(r);
        if (plan.strategy === 'workspace') c.requires(baseId);
        else if (moves.length > 0) {
          if (movedBlocks) for (const x of moves) c.appendItem('moved.tf', `moved {\n  from = ${x.from.address}\n  to   = ${x.to.address}\n}\n`);
          c.requires(baseId);
        }
      },
    );
  }

  // Module-wide: outputs, shared blocks, folded variables, the workspace guard, versions.
  ctx.change(
    {
      subject: 'module',
      title: plan.strategy === 'workspace' ? `Split the state by workspace (${plan.envs.join(', ')})` : `Key the merged blocks by environment (${plan.envs.join(', ')})`,
      reason:
        plan.strategy === 'workspace'
          ? `After the merge each environment has its own workspace and state; workspace default holds nothing. Blocks shared by all environments live in workspace ${plan.owner}; outputs keep their values per workspace.`
          : `One state keeps every environment; the state moves are ${movedBlocks ? 'moved blocks' : `in the migration ${ctx.options.migrationFormat === 'tfmigrate' ? 'files for tfmigrate' : 'script'}`}.`,
      kind: 'refactor',
    },
    (c) => {
      outputEdits(plan, module, exprCtx, c);
      for (const s of prepared.staying) c.replaceNode(s.block.file, s.node, s.text);
      if (plan.strategy === 'workspace') {
        for (const [b, home] of prepared.homes) {
          gate(b, home, c);
          for (const inst of instancesOf(instances, addressOf(b))) {
            const suffix = inst.slice(addressOf(b).length);
            c.move({ from: { workspace: 'default', address: inst }, to: { workspace: home.env, address: `${inst}${suffix ? '' : '[0]'}` } });
          }
        }
        foldVariables(plan, module, c);
        for (const text of lookupBlocks(prepared.lookups)) c.appendItem(LOCALS_FILE, text);
        const guard = printBlock(
          block('output', ['workspace'], [
            attribute('description', 'The workspace (environment) this state belongs to.'),
            attribute('value', raw(sel)),
            { kind: 'blank' },
            block('precondition', [], [
              attribute('condition', raw(`contains(${list(plan.envs)}, ${sel})`)),
              attribute('error_message', `This configuration is split by workspace: select one of ${plan.envs.join(', ')} (terraform workspace select ${plan.envs[0]}). Workspace default holds nothing since the migration.`),
            ]),
          ]),
        );
        c.appendItem(LOCALS_FILE, realign(guard));
        const raised = requireTerraform(module.index, '1.4', 'the migration creates workspaces with terraform workspace select -or-create', c);
        if (raised) c.finding('info', raised);
        c.instruction(
          ctx.options.migrationFormat === 'tfmigrate'
            ? `run the tfmigrate files in ${TFMIGRATE_DIR}/ in order, as their headers say: they move each environment's instances from workspace default into workspaces ${plan.envs.join(', ')}; plan each workspace after its file`
            : `run ./migrate-state.sh: it moves each environment's instances from workspace default into workspaces ${plan.envs.join(', ')}, then plans each of them`,
        );
      } else {
        if (movedBlocks) {
          const raised = requireTerraform(module.index, '1.1', 'moved blocks need Terraform 1.1', c);
          if (raised) c.finding('info', raised);
        }
      }
      for (const id of ids) if (plan.strategy === 'workspace') c.requires(id);
    },
  );
}

/** A block that is not merged lives in one workspace: `count` keeps it out of the others. */
function gate(b: BlockRef, home: { env: string; why: string }, c: ChangeBuilder): void {
  const text = b.file.text;
  const count = attributeOf(b.body, 'count');
  const forEach = attributeOf(b.body, 'for_each');
  const cond = `${selector('workspace')} == ${JSON.stringify(home.env)}`;
  if (count) {
    const v = attributeValue(count)!;
    c.replaceNode(b.file, v, `${cond} ? ${text.slice(v.startIndex, v.endIndex)} : 0`);
  } else if (forEach) {
    const v = attributeValue(forEach)!;
    const value = text.slice(v.startIndex, v.endIndex);
    // The empty value of the same kind: a set stays a set, a map a map.
    c.replaceNode(b.file, v, `${cond} ? ${value} : ${/^toset\(/.test(value) ? 'toset([])' : '{}'}`);
  } else {
    const first = itemsOf(b.body)[0];
    const indent = ' '.repeat(first ? first.startPosition.column : b.node.startPosition.column + 2);
    const at = text.indexOf('\n', b.node.namedChildren.find((x) => x?.type === 'block_start')!.endIndex) + 1;
    c.insert(b.file, at, `${indent}# ${home.why}: kept in workspace ${home.env}.\n${indent}count = ${cond} ? 1 : 0\n${first ? '\n' : ''}`);
  }
}

export default defineTransform<Plan>({
  id: ID,
  title: 'Merge per-environment copies into one definition',
  description: 'Copies of a resource, data source or module call per environment (dev_vpc, staging_vpc, prod_vpc) become one definition keyed by terraform.workspace (or for_each), with the state moves.',
  kinds: ['refactor'],
  optIn: false,
  options: {
    strategy: { type: 'string', description: 'workspace (one state per environment) or for_each (one state)', flag: 'strategy', config: 'mergeEnvironments.strategy', default: 'workspace' },
    sharedWorkspace: { type: 'string', description: 'the workspace that keeps blocks shared by all environments (default: the production one)', config: 'mergeEnvironments.sharedWorkspace' },
  },
  checkOptions: (o) =>
    o.strategy !== 'workspace' && o.strategy !== 'for_each'
      ? `--strategy takes workspace or for_each; got "${String(o.strategy)}"`
      : o.strategy === 'workspace' && o.migrationFormat === 'moved'
        ? '--migration-format moved needs --strategy for_each: with the workspace strategy every environment gets its own state, and moved blocks never cross states (use script)'
        : null,
  plan: planMerge,
  apply,
});


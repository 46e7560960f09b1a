// required-tags (behaviour, opt-in): the tag keys an organisation requires (config `tags.required`,
// values from `tags.values`) are added where they are missing, either to each taggable resource's
// `tags` or to the AWS provider's `default_tags`. Existing tags always win: a key a resource
// already has, or may have through an expression that cannot be read, keeps its value. Runs
// before common-tags, which then folds the keys every resource now repeats; on a module
// common-tags refactored earlier it adds to the per-resource part of `merge(local.common_tags, {...})`.
import { attributeOf, attributeValue, blocksOf, bodyOf, containsComment, functionCall, itemsOf, objectElements, unwrap } from '../src/cst/nodes.js';
import { editAttributes, insertNestedBlock } from '../src/cst/structure.js';
import type { Node } from '../src/cst/parser.js';
import { reindent } from '../src/cst/block-data.js';
import { object, printExpr, raw, type HclValue } from '../src/cst/printer.js';
import { indentationAt } from '../src/cst/text.js';
import { defineTransform, type ChangeBuilder, type ModuleView, type TransformContext } from '../src/engine/transform.js';
import type { OptionValues } from '../src/engine/types.js';
import { DEFAULT_ENVIRONMENTS, splitEnvName } from '../src/terraform/environments.js';
import { workspaceEnvironments } from '../src/terraform/workspaces.js';
import { ignores } from '../src/terraform/ignore-directive.js';
import { providerReference } from '../src/terraform/references.js';
import { blockAddress, type BlockRef, type SourceFile } from '../src/terraform/module-index.js';
import { isTaggable, keySynonyms, knownTagKeys } from '../src/terraform/tags.js';

const ID = 'required-tags';
const PLACEMENTS = ['resources', 'default_tags'] as const;
type Placement = (typeof PLACEMENTS)[number];
export const DEFAULT_REQUIRED = ['Project', 'Environment', 'Owner', 'CostCenter', 'ManagedBy'];
const DEFAULT_VALUES: Record<string, string> = { ManagedBy: 'Terraform' };

/** Where the tags go, and the edit that puts them there. */
interface Target {
  /** What the reviewer reads: `aws_vpc.vpc` or `provider "aws"`. */
  label: string;
  block: BlockRef;
  /** The `tags` attribute (of the resource, or of the provider's default_tags), if any. */
  attr: Node | null;
  /** The provider's existing `default_tags` block, for the provider placement. */
  defaultTags?: Node | null;
  /** Key → HCL text of the value to add. */
  add: [string, string][];
  /** Every key the current tags can hold is known (no variable or lookup in them). */
  complete: boolean;
}

interface Plan {
  placement: Placement;
  targets: Target[];
  /** Resources whose tags change (for the effects), with the workspaces they live in. */
  affected: string[];
  workspaces: string[];
}

/** The expression Environment takes for a block, or null when nothing says it. */
function environmentFor(b: BlockRef, wsEnvs: string[] | null, envNames: readonly string[], configured: string | undefined): string | null {
  const forEach = attributeOf(b.body, 'for_each');
  if (forEach) {
    const keys = [...b.file.text.slice(forEach.startIndex, forEach.endIndex).matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
    const envs = new Set((wsEnvs ?? []).concat(envNames).map((e) => e.toLowerCase()));
    if (keys.length > 0 && keys.every((k) => envs.has(k.toLowerCase())) && /toset\(\s*\[/.test(forEach.text)) return 'each.key';
  }
  if (wsEnvs !== null) return 'terraform.workspace';
  const split = b.labels[1] ? splitEnvName(b.labels[1], envNames) : null;
  if (split) return printExpr(split.env);
  return configured !== undefined ? printExpr(configured) : null;
}

function plan(module: ModuleView, ctx: TransformContext): Plan | null {
  const placement = (ctx.options.placement as Placement | undefined) ?? 'resources';
  const required = (ctx.options.required as string[] | undefined) ?? DEFAULT_REQUIRED;
  const values = { ...DEFAULT_VALUES, ...((ctx.options.values as Record<string, string> | undefined) ?? {}) };
  const envNames = (ctx.options.environments as string[] | undefined) ?? DEFAULT_ENVIRONMENTS;
  const wsEnvs = workspaceEnvironments(module.index);
  const workspaces = wsEnvs && wsEnvs.length > 0 ? wsEnvs : ['default'];
  const noValue = new Set<string>();
  const synonyms: string[] = [];
  const targets: Target[] = [];
  const affected: string[] = [];

  /** The pairs to add to a tags expression, noting what cannot be added. */
  const missing = (label: string, expr: Node | null, text: string, envExpr: string | null): { add: [string, string][]; complete: boolean } => {
    const known = expr ? knownTagKeys(expr, text, module.index) : { keys: new Set<string>(), complete: true };
    const lower = new Map([...known.keys].map((k) => [k.toLowerCase(), k]));
    const add: [string, string][] = [];
    for (const key of required) {
      if (known.keys.has(key)) continue;
      const synonym = keySynonyms(key).map((s) => lower.get(s)).find((k) => k !== undefined);
      if (synonym !== undefined) {
        synonyms.push(`${label} has ${synonym}, not ${key}`);
        continue;
      }
      const value = key === 'Environment' ? envExpr : values[key] !== undefined ? printExpr(values[key]!) : null;
      if (value === null) noValue.add(key);
      else add.push([key, value]);
    }
    return { add, complete: known.complete };
  };

  const resources = module.index.blocks.filter((b) => {
    const attr = b.type === 'resource' ? attributeOf(b.body, 'tags') : null;
    return isTaggable(b, attr !== null) && b.labels[0]?.startsWith('aws_') && !ignores(b.ignore, ID);
  });
  if (placement === 'resources') {
    for (const b of resources) {
      const attr = attributeOf(b.body, 'tags');
      const label = blockAddress(b)!;
      const { add, complete } = missing(label, attr ? attributeValue(attr) : null, b.file.text, environmentFor(b, wsEnvs, envNames, values.Environment));
      if (add.length === 0) continue;
      targets.push({ label, block: b, attr, add, complete });
      affected.push(label);
    }
  } else if (module.isRoot) {
    const envExpr = wsEnvs !== null ? 'terraform.workspace' : values.Environment !== undefined ? printExpr(values.Environment) : null;
    for (const p of module.index.providers) {
      if (p.name !== 'aws' || ignores(p.block.ignore, ID)) continue;
      const defaultTags = blocksOf(p.block.body, 'default_tags')[0] ?? null;
      const attr = defaultTags ? attributeOf(bodyOf(defaultTags), 'tags') : null;
      const label = `provider "aws"${p.alias ? ` (alias ${p.alias})` : ''}`;
      const { add, complete } = missing(label, attr ? attributeValue(attr) : null, p.block.file.text, envExpr);
      if (add.length === 0) continue;
      targets.push({ label, block: p.block, attr, defaultTags, add, complete });
      // Every managed resource of that provider configuration sees it (verify compares the
      // provider's arguments per resource); the taggable ones get the tags in tags_all.
      for (const b of module.index.blocks) {
        if (b.type !== 'resource' || !b.labels[0]?.startsWith('aws_')) continue;
        const meta = attributeOf(b.body, 'provider');
        const ref = meta ? providerReference(attributeValue(meta)!, b.file.text) : { name: 'aws', alias: null };
        if (ref?.name === p.name && ref.alias === p.alias) affected.push(blockAddress(b)!);
      }
    }
    if (targets.length === 0 && resources.length > 0 && !module.index.providers.some((p) => p.name === 'aws')) {
      ctx.finding('warning', 'no provider "aws" block to hold default_tags: declare one, or use tags.placement "resources"');
    }
  } else if (resources.length > 0) {
    ctx.finding('info', 'a child module: its resources get the default_tags of the root module\u2019s provider');
  }
  if (noValue.size > 0) {
    const keys = [...noValue];
    ctx.finding('warning', `required tag${keys.length === 1 ? '' : 's'} ${keys.join(', ')} not added: no value (set tags.values in .tfcodemod.json${noValue.has('Environment') ? '; Environment follows the workspace or the name in per-environment code' : ''})`);
  }
  for (const s of synonyms) ctx.finding('warning', `${s}: not added twice; rename the key to the required one (a change of its own)`);
  return targets.length > 0 ? { placement, targets, affected, workspaces } : null;
}

const pairsText = (add: [string, string][], indent = ''): string => printExpr(object(add.map(([k, v]) => [k, raw(v)])), indent);

/** The tags expression with `add` in it, existing keys winning; `column` is where its line starts. */
function withTags(expr: Node, text: string, add: [string, string][], column: number, complete: boolean): string {
  const n = unwrap(expr);
  const indent = ' '.repeat(column);
  const own = text.slice(expr.startIndex, expr.endIndex);
  if (n.type === 'null_lit') return pairsText(add, indent);
  if (n.type === 'object' && !containsComment(n)) {
    const entries: [string, HclValue][] = objectElements(n, text).map((e) => [e.key, raw(reindent(text.slice(e.value.startIndex, e.value.endIndex), e.value.startPosition.column, column + 2))]);
    return printExpr(object([...entries, ...add.map(([k, v]): [string, HclValue] => [k, raw(v)])]), indent);
  }
  // A commented literal keeps every line it has: the new pairs follow as a run of their own.
  if (n.type === 'object' && own.includes('\n')) {
    const close = own.lastIndexOf('}');
    const lines = pairsText(add, indent).split('\n').slice(1, -1).join('\n');
    return `${own.slice(0, close).replace(/[ \t]*$/, '')}\n${lines}\n${indent}}`;
  }
  // merge(a, ..., { literal }): the new keys go into the last literal (no part has them).
  const call = functionCall(n);
  if (call?.name === 'merge') {
    const last = call.args[call.args.length - 1];
    if (complete && last && unwrap(last).type === 'object') {
      return text.slice(expr.startIndex, last.startIndex) + withTags(last, text, add, indentationAt(text, last.startIndex).length, true) + text.slice(last.endIndex, expr.endIndex);
    }
  }
  // Keys known to be all there (local.common_tags): the new ones are merged after them.
  if (complete && !own.includes('\n')) return `merge(${own}, ${pairsText(add, indent)})`;
  // Anything else keeps its text and goes last, so its own keys win.
  return `merge(${pairsText(add, indent)}, ${own})`;
}

/**
 * Sets `tags` in a block (a resource, or a provider's default_tags) to a multi-line value, the
 * way terraform fmt lays it out: a multi-line value is aligned with no other attribute, so a
 * one-line `tags` whose run would need re-aligning leaves it (the run is re-aligned) and is
 * added last.
 */
function setTags(c: ChangeBuilder, file: SourceFile, blk: Node, attr: Node | null, value: (column: number) => string): void {
  const text = file.text;
  const append = (): void => {
    const e = insertNestedBlock(text, blk, `tags = ${value(0)}\n`);
    c.replace(file, e.start, e.end, e.text);
  };
  if (!attr) return append();
  const expr = attributeValue(attr)!;
  const column = indentationAt(text, attr.startIndex).length;
  if (attr.startPosition.row !== attr.endPosition.row) return c.replaceNode(file, expr, value(column));
  // The one-line attributes right above and below it (its run) become two runs of their own:
  // in place only when each is aligned as such already.
  const items = itemsOf(bodyOf(blk));
  const i = items.findIndex((x) => x.startIndex === attr.startIndex);
  const oneLine = (x: Node | undefined): boolean => x?.type === 'attribute' && x.startPosition.row === x.endPosition.row;
  const neighbours = (step: number): Node[] => {
    const out: Node[] = [];
    for (let j = i + step, row = attr.startPosition.row + step; oneLine(items[j]) && items[j]!.startPosition.row === row; j += step, row += step) out.push(items[j]!);
    return out;
  };
  const width = (x: Node): number => text.indexOf('=', x.namedChild(0)!.endIndex) - x.namedChild(0)!.startIndex - 1;
  const aligned = (run: Node[]): boolean => run.every((x) => width(x) === Math.max(...run.map((y) => y.namedChild(0)!.text.length)));
  if (!aligned(neighbours(-1)) || !aligned(neighbours(1))) {
    for (const e of editAttributes(text, blk, { remove: [attr] })) c.replace(file, e.start, e.end, e.text);
    return append();
  }
  c.replace(file, attr.namedChild(0)!.endIndex, expr.endIndex, ` = ${value(column)}`);
}

function apply(p: Plan, _module: ModuleView, ctx: TransformContext): void {
  const keys = [...new Set(p.targets.flatMap((t) => t.add.map(([k]) => k)))];
  const where = p.placement === 'resources' ? `${p.targets.length} resource${p.targets.length === 1 ? '' : 's'}` : p.targets.map((t) => t.label).join(', ');
  ctx.change(
    {
      subject: p.placement === 'resources' ? 'resources' : 'default-tags',
      title: p.placement === 'resources' ? `Add the required tags ${keys.join(', ')} to ${where}` : `Add the required tags ${keys.join(', ')} to the default_tags of ${where}`,
      reason: `Every taggable resource must carry ${keys.join(', ')}. Keys a resource already has keep their values; AWS updates tags in place.${p.placement === 'default_tags' ? ' The provider applies default_tags to every taggable resource it manages (they show in tags_all); resources that take no tags are unchanged.' : ''}`,
      kind: 'behaviour',
    },
    (c) => {
      for (const t of p.targets) {
        const file = t.block.file;
        const tags = (column: number): string => (t.attr ? withTags(attributeValue(t.attr)!, file.text, t.add, column, t.complete) : pairsText(t.add, ' '.repeat(column)));
        if (p.placement === 'resources') setTags(c, file, t.block.node, t.attr, tags);
        else if (t.defaultTags) setTags(c, file, t.defaultTags, t.attr, tags);
        else {
          const e = insertNestedBlock(file.text, t.block.node, `default_tags {\n  tags = ${pairsText(t.add, '  ')}\n}\n`);
          c.replace(file, e.start, e.end, e.text);
        }
      }
      const path = p.placement === 'resources' ? 'tags' : 'provider.default_tags';
      for (const address of p.affected) for (const workspace of p.workspaces) c.effect({ workspace, address, path, action: 'update-in-place' });
    },
  );
}

export default defineTransform<Plan>({
  id: ID,
  title: 'Add the required tags',
  description: 'Adds the tag keys the config requires (tags.required, values from tags.values) to taggable AWS resources, or to the provider\u2019s default_tags.',
  kinds: ['behaviour'],
  optIn: true,
  options: {
    required: { type: 'string[]', description: 'tag keys every taggable resource must have', config: 'tags.required', default: DEFAULT_REQUIRED, example: '["Project", "Environment", "Owner"]' },
    values: {
      type: 'map',
      description: 'the value of each required key (ManagedBy defaults to "Terraform"; Environment follows the workspace in merged modules and the name of per-environment resources)',
      config: 'tags.values',
      example: '{"Project": "billing", "Owner": "platform-team", "CostCenter": "cc-1234"}',
    },
    placement: { type: 'string', description: 'resources (each resource\u2019s tags) or default_tags (the AWS provider of root modules)', config: 'tags.placement', default: 'resources' },
  },
  checkOptions(options: OptionValues): string | null {
    const placement = options.placement as string | undefined;
    return placement === undefined || (PLACEMENTS as readonly string[]).includes(placement) ? null : `tags.placement: expected resources or default_tags, got "${placement}"`;
  },
  plan,
  apply,
});

// env-sizing (behaviour, opt-in): a sizing policy per environment (`envSizing.policy` in the
// config: the largest EC2 instance type, RDS instance class and storage an environment may have)
// caps the per-environment values of `aws_instance.instance_type` and
// `aws_db_instance.instance_class`, merged or not, with the monthly cost before and after from the
// offline price table. It only ever sizes down. Storage above the cap is reported, never shrunk:
// neither RDS nor EBS can shrink storage in place.
import { defineTransform, type ModuleView, type TransformContext } from '../src/engine/transform.js';
import type { OptionValues } from '../src/engine/types.js';
import { EC2_HOURLY, HOURS_PER_MONTH, money, priceTableLabel, RDS_HOURLY, RDS_STORAGE_GB_MONTH, rdsHourly, type Price } from '../src/terraform/aws-prices.js';
import { argument, boolOf, EnvModel, numberOf, stringOf, type EnvResource, type Slot } from '../src/terraform/env-values.js';
import { ignores } from '../src/terraform/ignore-directive.js';
import { quoteHcl } from '../src/cst/strings.js';

const ID = 'env-sizing';

export interface SizingPolicy {
  maxInstanceType?: string;
  maxDbInstanceClass?: string;
  maxStorageGb?: number;
}

interface Sized {
  env: string;
  from: string;
  to: string;
  /** Monthly cost of the environment's instances before and after; null when not priced. */
  before: number | null;
  after: number | null;
  unconfirmed: boolean;
}

interface Planned {
  res: EnvResource;
  attr: 'instance_type' | 'instance_class';
  slot: Slot;
  sized: Sized[];
}

/** What each resource type's size is called, how it is priced and what changing it does. */
const KINDS = {
  aws_instance: { attr: 'instance_type', cap: 'maxInstanceType', what: 'EC2 instance type' },
  aws_db_instance: { attr: 'instance_class', cap: 'maxDbInstanceClass', what: 'RDS instance class' },
} as const;


/** Graviton (arm64) EC2 families: t4g, m6g, c7gn, r6gd… An AMI is built for one architecture. */
const isArm = (type: string): boolean => /^[a-z]+\d+g[a-z]*\./.test(type);

function priceOf(res: EnvResource, env: string, cls: string): Price | null {
  const i = res.instances.find((x) => x.env === env)!;
  if (res.block.labels[0] === 'aws_instance') return EC2_HOURLY[cls] ?? null;
  return rdsHourly(stringOf(argument(i, 'engine')), cls);
}

/** Monthly cost of an environment's instances at hourly price `p` (Multi-AZ counts twice). */
function monthly(res: EnvResource, env: string, p: Price): number {
  return res.instances.filter((i) => i.env === env).reduce((sum, i) => sum + p.usd * HOURS_PER_MONTH * (boolOf(argument(i, 'multi_az')) ? 2 : 1), 0);
}

interface Plan {
  model: EnvModel;
  planned: Planned[];
}

function plan(module: ModuleView, ctx: TransformContext): Plan | null {
  const policy = (ctx.options.policy ?? {}) as Record<string, SizingPolicy>;
  if (!module.index.blocks.some((b) => b.type === 'resource' && (b.labels[0] ?? '') in KINDS)) return null;
  const model = new EnvModel(module, ctx.options.environments as string[] | undefined);
  const planned: Planned[] = [];
  for (const res of model.resources(Object.keys(KINDS))) {
    if (ignores(res.block.ignore, ID)) continue;
    const kind = KINDS[res.block.labels[0] as keyof typeof KINDS];
    const at = { file: res.block.file, node: res.block.node };
    const sized: Sized[] = [];
    for (const env of res.envs) {
      const rule = policy[env];
      if (!rule) continue;
      const current = [...new Set(res.instances.filter((i) => i.env === env).map((i) => stringOf(argument(i, kind.attr))))];
      const cap = rule[kind.cap];
      if (res.block.labels[0] === 'aws_db_instance' && rule.maxStorageGb !== undefined) storageFinding(res, env, rule.maxStorageGb, ctx);
      if (cap === undefined) continue;
      if (current.length !== 1 || current[0] === null) {
        ctx.finding('warning', `${env} ${res.address}: ${kind.attr} is not a value known before apply here, so it cannot be held against the ${env} cap ${cap}: check it yourself`, at);
        continue;
      }
      const from = current[0]!;
      if (from === cap) continue;
      const pFrom = priceOf(res, env, from);
      const pCap = priceOf(res, env, cap);
      if (!pFrom || !pCap) {
        const engine = res.block.labels[0] === 'aws_db_instance' ? stringOf(argument(res.instances.find((i) => i.env === env)!, 'engine')) : null;
        const missing = [!pFrom ? from : null, !pCap ? cap : null].filter(Boolean).join(' and ');
        ctx.finding('warning', `${env} ${res.address}: ${kind.attr} ${from} cannot be compared with the ${env} cap ${cap}: no price for ${missing}${engine !== null ? ` (engine ${engine})` : ''} in the offline table; left as it is`, at);
        continue;
      }
      if (pFrom.usd <= pCap.usd) continue;
      if (res.block.labels[0] === 'aws_instance' && isArm(from) !== isArm(cap)) {
        ctx.finding('warning', `${env} ${res.address}: ${from} and the ${env} cap ${cap} are built for different CPU architectures (arm64 and x86_64): the AMI would have to change too, so it is left as it is`, at);
        continue;
      }
      sized.push({ env, from, to: cap, before: monthly(res, env, pFrom), after: monthly(res, env, pCap), unconfirmed: pFrom.basis === 'unconfirmed' || pCap.basis === 'unconfirmed' });
    }
    if (sized.length === 0) continue;
    const slot = model.slot(res, kind.attr);
    if (slot.kind === 'refused') {
      ctx.finding('warning', `${res.address}: ${kind.attr} is left as it is: ${slot.reason}`, at);
      continue;
    }
    planned.push({ res, attr: kind.attr, slot, sized });
  }
  return planned.length > 0 ? { model, planned } : null;
}

/** Storage above the cap: reported with what it costs, never shrunk. */
function storageFinding(res: EnvResource, env: string, cap: number, ctx: TransformContext): void {
  const gb = numberOf(argument(res.instances.find((i) => i.env === env)!, 'allocated_storage'));
  if (gb === null || gb <= cap) return;
  const excess = (gb - cap) * RDS_STORAGE_GB_MONTH.usd * res.instances.filter((i) => i.env === env).length;
  ctx.finding(
    'warning',
    `${env} ${res.address}: allocated_storage ${gb} GB is above the ${env} cap of ${cap} GB, but RDS cannot shrink allocated storage in place, so tfcodemod does not propose it (a smaller instance needs a new instance and a data migration, e.g. dump and restore); the ${gb - cap} GB above the cap cost about ${money(excess)} a month ($${RDS_STORAGE_GB_MONTH.usd}/GB-month, Single-AZ${RDS_STORAGE_GB_MONTH.basis === 'seen' ? '' : ', unconfirmed'})`,
    { file: res.block.file, node: res.block.node },
  );
}

function apply({ model, planned }: Plan, _module: ModuleView, ctx: TransformContext): void {
  let before = 0;
  let after = 0;
  for (const p of planned) {
    const rds = p.attr === 'instance_class';
    const priced = p.sized.filter((s) => s.before !== null && s.after !== null);
    const saving = priced.reduce((sum, s) => sum + s.before! - s.after!, 0);
    before += priced.reduce((sum, s) => sum + s.before!, 0);
    after += priced.reduce((sum, s) => sum + s.after!, 0);
    const list = p.sized.map((s) => `${s.env} ${s.from} → ${s.to}`).join(', ');
    ctx.change(
      {
        subject: `${p.res.address}.${p.attr}`,
        title: `Size down ${p.res.address} (${p.attr}): ${list}; saves ${money(saving)} a month (outage: the ${rds ? 'DB instance restarts' : 'instance is stopped and started'})`,
        reason:
          `The sizing policy caps ${p.sized.map((s) => s.env).join(', ')} at ${[...new Set(p.sized.map((s) => s.to))].join(', ')}. ` +
          (rds
            ? 'Changing an RDS instance class is an in-place modification with an outage: the instance restarts on the new class (a Multi-AZ instance fails over); without apply_immediately = true it happens in the next maintenance window. Check that the engine version supports the new class before applying.'
            : 'Terraform changes an EC2 instance type in place by stopping and starting the instance: an outage, instance-store data is lost, and a public IP that is not an Elastic IP changes.') +
          ` Costs are ${priceTableLabel()}.`,
        kind: 'behaviour',
      },
      (c) => {
        const values = new Map(p.sized.map((s) => [s.env, quoteHcl(s.to)]));
        model.write(c, p.res, p.attr, p.slot, values, 'update-with-outage');
        for (const s of p.sized) {
          if (s.before === null || s.after === null) continue;
          c.finding(
            'info',
            `cost ${s.env} ${p.res.address}: ${s.from} ${money(s.before)} → ${s.to} ${money(s.after)} a month, saves ${money(s.before - s.after)} a month (${money(12 * (s.before - s.after))} a year)${s.unconfirmed ? '; price unconfirmed' : ''}`,
            { file: p.res.block.file, node: p.res.block.node },
          );
        }
      },
    );
  }
  if (before > 0) {
    ctx.finding('info', `env-sizing total: ${money(before)} → ${money(after)} a month for the resources sized down, saves ${money(before - after)} a month (${money(12 * (before - after))} a year); ${priceTableLabel()}`);
  }
}

function checkOptions(options: OptionValues): string | null {
  const policy = options.policy as Record<string, SizingPolicy> | undefined;
  if (!policy || Object.keys(policy).length === 0) {
    return 'env-sizing needs a sizing policy: "envSizing": { "policy": { "dev": { "maxInstanceType": "t3.small", "maxDbInstanceClass": "db.t3.micro", "maxStorageGb": 20 } } } in .tfcodemod.json';
  }
  for (const [env, rule] of Object.entries(policy)) {
    if (rule.maxInstanceType !== undefined && !EC2_HOURLY[rule.maxInstanceType]) return `envSizing.policy.${env}.maxInstanceType: ${rule.maxInstanceType} is not in the offline price table, so sizes cannot be compared with it (known: ${Object.keys(EC2_HOURLY).join(', ')})`;
    if (rule.maxDbInstanceClass !== undefined && !RDS_HOURLY.postgres[rule.maxDbInstanceClass]) return `envSizing.policy.${env}.maxDbInstanceClass: ${rule.maxDbInstanceClass} is not in the offline price table, so sizes cannot be compared with it (known: ${Object.keys(RDS_HOURLY.postgres).join(', ')})`;
    if (rule.maxStorageGb !== undefined && !(rule.maxStorageGb > 0)) return `envSizing.policy.${env}.maxStorageGb: expected a positive number of GB, got ${rule.maxStorageGb}`;
  }
  return null;
}

export default defineTransform<Plan>({
  id: ID,
  title: 'Cap per-environment sizes with a sizing policy',
  description: 'Caps the EC2 instance type and RDS instance class of each environment (merged or per-environment copies) at the sizing policy, with the monthly cost before and after; storage above the cap is reported, never shrunk.',
  kinds: ['behaviour'],
  optIn: true,
  options: {
    policy: {
      type: 'record-map',
      description: 'per environment: the largest EC2 instance type, RDS instance class and storage (GB) it may have',
      config: 'envSizing.policy',
      fields: {
        maxInstanceType: { type: 'string', description: 'largest aws_instance instance_type, e.g. t3.small' },
        maxDbInstanceClass: { type: 'string', description: 'largest aws_db_instance instance_class, e.g. db.t3.micro' },
        maxStorageGb: { type: 'number', description: 'largest aws_db_instance allocated_storage, in GB (reported, never shrunk)' },
      },
      example: '{ "dev": { "maxInstanceType": "t3.small", "maxDbInstanceClass": "db.t3.micro", "maxStorageGb": 20 } }',
    },
  },
  checkOptions,
  plan,
  apply,
});

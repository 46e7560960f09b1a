// rds-hardening (behaviour, opt-in): per environment, for `aws_db_instance` and `aws_rds_cluster`
// (merged or per-environment copies): Multi-AZ for a production DB instance, a backup retention
// per environment (raised, never lowered), deletion protection and a final snapshot in
// production. Unencrypted storage is a finding, never an edit (it forces replacement), and so is
// an Aurora cluster with a single instance in production (Aurora has no multi_az argument).
// Each change says what AWS does to apply it: in place, with an outage, or by replacement.
import { quoteHcl } from '../src/cst/strings.js';
import { defineTransform, type ModuleView, type TransformContext } from '../src/engine/transform.js';
import type { Effect, OptionValues } from '../src/engine/types.js';
import { HOURS_PER_MONTH, money, rdsHourly } from '../src/terraform/aws-prices.js';
import { argument, boolOf, EnvModel, numberOf, stringOf, type EnvResource, type Slot } from '../src/terraform/env-values.js';
import { PRODUCTION_NAMES, STAGING_NAMES } from '../src/terraform/environments.js';
import { ignores } from '../src/terraform/ignore-directive.js';

const ID = 'rds-hardening';
const DATABASES = ['aws_db_instance', 'aws_rds_cluster'];

/** Backup retention in days unless configured: production 30, staging 7, anything else 1. */
export function retentionFor(env: string, configured: Readonly<Record<string, number>>): number {
  return configured[env] ?? (PRODUCTION_NAMES.includes(env) ? 30 : STAGING_NAMES.includes(env) ? 7 : 1);
}

/** One argument of one resource set to new values in some environments. */
interface Edit {
  attr: string;
  slot: Slot;
  values: Map<string, string>;
  /** Per environment: what AWS does. */
  actions: Map<string, Effect['action']>;
}

interface Proposal {
  res: EnvResource;
  subject: string;
  title: string;
  reason: string;
  edits: Edit[];
}

interface Plan {
  model: EnvModel;
  proposals: Proposal[];
}

const list = (items: readonly string[]): string => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/** The environments where an instance's argument fails `ok`. */
function lacking(res: EnvResource, envs: readonly string[], attr: string, ok: (v: ReturnType<typeof argument>) => boolean): string[] {
  return envs.filter((env) => res.instances.some((i) => i.env === env && !ok(argument(i, attr))));
}

function plan(module: ModuleView, ctx: TransformContext): Plan | null {
  // Rendering every workspace is the costly part: not for a module without a database.
  if (!module.index.blocks.some((b) => b.type === 'resource' && DATABASES.includes(b.labels[0] ?? ''))) return null;
  const model = new EnvModel(module, ctx.options.environments as string[] | undefined);
  const configured = (ctx.options.backupRetention ?? {}) as Record<string, number>;
  const proposals: Proposal[] = [];
  const resources = model.resources(DATABASES).filter((r) => !ignores(r.block.ignore, ID));
  for (const res of resources) {
    const at = { file: res.block.file, node: res.block.node };
    const cluster = res.block.labels[0] === 'aws_rds_cluster';
    const prod = res.envs.filter((e) => PRODUCTION_NAMES.includes(e));
    const propose = (subject: string, title: string, reason: string, edits: Omit<Edit, 'slot'>[]): void => {
      const slotted: Edit[] = [];
      for (const e of edits) {
        const slot = model.slot(res, e.attr);
        if (slot.kind === 'refused') {
          ctx.finding('warning', `${res.address}: ${title[0]!.toLowerCase()}${title.slice(1)} is not proposed: ${slot.reason}`, at);
          return;
        }
        slotted.push({ ...e, slot });
      }
      proposals.push({ res, subject: `${res.address}.${subject}`, title, reason, edits: slotted });
    };

    // Multi-AZ (DB instances; an Aurora cluster's availability comes from its instances).
    const single = lacking(res, prod, 'multi_az', (v) => boolOf(v) === true);
    if (!cluster && single.length > 0) {
      const extra = single.flatMap((env) => res.instances.filter((i) => i.env === env)).map((i) => rdsHourly(stringOf(argument(i, 'engine')), stringOf(argument(i, 'instance_class')) ?? ''));
      const cost = extra.every((p) => p !== null) ? ` It doubles the instance hours: about ${money(extra.reduce((s, p) => s + p!.usd * HOURS_PER_MONTH, 0))} a month more (on-demand us-east-1, offline table).` : ' It doubles the instance hours (a standby instance in another Availability Zone).';
      propose(
        'multi_az',
        `Turn on Multi-AZ for ${list(single)} ${res.address} (in place, no outage)`,
        `A production database in one Availability Zone is down for as long as that zone or its host is. AWS converts a Single-AZ instance to Multi-AZ in place: it creates the standby from a snapshot without an outage, though performance can dip while it syncs.${cost}`,
        [{ attr: 'multi_az', values: new Map(single.map((e) => [e, 'true'])), actions: new Map(single.map((e) => [e, 'update-in-place'])) }],
      );
    }

    // Backup retention: raised to the environment's target, never lowered.
    const raise = new Map<string, string>();
    const actions = new Map<string, Effect['action']>();
    const outage: string[] = [];
    for (const env of res.envs) {
      const target = retentionFor(env, configured);
      const current = res.instances.filter((i) => i.env === env).map((i) => numberOf(argument(i, 'backup_retention_period')));
      if (current.every((c) => c !== null && c >= target)) {
        if (current.some((c) => c! > target)) ctx.finding('info', `${env} ${res.address}: backup_retention_period ${Math.max(...current.map((c) => c!))} is above the ${target} days of the policy: kept (never lowered)`, at);
        continue;
      }
      raise.set(env, String(target));
      // From 0 (backups off) to any other value restarts a DB instance; an unset retention is the
      // API's default, 1 day (a cluster's is never 0).
      const off = !cluster && current.some((c) => c === 0);
      actions.set(env, off ? 'update-with-outage' : 'update-in-place');
      if (off) outage.push(env);
    }
    if (raise.size > 0) {
      propose(
        'backup_retention_period',
        `Keep automated backups of ${res.address} for ${list([...raise].map(([e, d]) => `${d} day${d === '1' ? '' : 's'} in ${e}`))} (${outage.length > 0 ? `outage in ${list(outage)}: turning backups on restarts the instance${raise.size > outage.length ? '; in place elsewhere' : ''}` : 'in place, no outage'})`,
        `Point-in-time recovery only reaches back as far as the backup retention period. Values already higher are kept. Changing the period between two non-zero values applies without an outage; changing it from 0 (backups off) restarts the DB instance.${outage.length > 0 ? '' : ' An unset period is the RDS API default of 1 day; if backups were turned off outside Terraform (0), turning them on restarts the instance.'}`,
        [{ attr: 'backup_retention_period', values: raise, actions }],
      );
    }

    // Deletion protection in production.
    const unprotected = lacking(res, prod, 'deletion_protection', (v) => boolOf(v) === true);
    if (unprotected.length > 0) {
      propose(
        'deletion_protection',
        `Protect ${list(unprotected)} ${res.address} from deletion (in place)`,
        'With deletion protection AWS refuses to delete the database, whoever asks (a destroy, a replacement, the console), until it is turned off. It applies in place, without an outage; a later replacement or destroy must turn it off first.',
        [{ attr: 'deletion_protection', values: new Map(unprotected.map((e) => [e, 'true'])), actions: new Map(unprotected.map((e) => [e, 'update-in-place'])) }],
      );
    }

    // A final snapshot in production: skip_final_snapshot false, with the identifier it needs.
    const skipping = lacking(res, prod, 'skip_final_snapshot', (v) => boolOf(v) !== true);
    // One identifier per environment: several instances of one environment (count) would all
    // claim it, and the second final snapshot would fail.
    const crowded = prod.filter((env) => res.instances.filter((i) => i.env === env).length > 1);
    if (crowded.length > 0) ctx.finding('warning', `${res.address}: ${list(crowded)} has several instances, which cannot share one final_snapshot_identifier: name each one's final snapshot yourself`, at);
    const unnamed = lacking(res, prod, 'final_snapshot_identifier', (v) => v !== undefined).filter((env) => !crowded.includes(env));
    if (skipping.length > 0 || unnamed.length > 0) {
      const idAttr = cluster ? 'cluster_identifier' : 'identifier';
      const names = new Map(unnamed.map((env) => [env, quoteHcl(`${stringOf(argument(res.instances.find((i) => i.env === env)!, idAttr)) ?? `${env}-${res.block.labels[1]}`}-final`)]));
      const edits: Omit<Edit, 'slot'>[] = [];
      if (skipping.length > 0) edits.push({ attr: 'skip_final_snapshot', values: new Map(skipping.map((e) => [e, 'false'])), actions: new Map(skipping.map((e) => [e, 'update-in-place'])) });
      if (unnamed.length > 0) edits.push({ attr: 'final_snapshot_identifier', values: names, actions: new Map(unnamed.map((e) => [e, 'update-in-place'])) });
      const envs = [...new Set([...skipping, ...unnamed])];
      propose(
        'final_snapshot',
        `Take a final snapshot when ${list(envs)} ${res.address} is destroyed (in place: Terraform-only arguments)`,
        `skip_final_snapshot = true deletes every automated backup with the database; with false, Terraform needs final_snapshot_identifier to name the snapshot it takes (${[...names.values()].join(', ') || 'already set'}). Both arguments only matter when the database is deleted: nothing changes in AWS now.`,
        edits,
      );
    }

    // Encryption at rest cannot be switched on in place.
    const plain = lacking(res, res.envs, 'storage_encrypted', (v) => boolOf(v) === true);
    if (plain.length > 0) {
      ctx.finding(
        'warning',
        `${res.address}: storage is not encrypted in ${list(plain)}; setting storage_encrypted = true forces replacement (a new, empty ${cluster ? 'cluster' : 'DB instance'}: the data would be lost), so tfcodemod does not propose it: copy a snapshot with encryption (KMS), restore it to a new ${cluster ? 'cluster' : 'instance'}, switch over, then update the configuration`,
        at,
      );
    }

    if (cluster) singleInstanceFindings(model, res, prod, ctx);
  }
  return proposals.length > 0 ? { model, proposals } : null;
}

/** Aurora has no multi_az: a production cluster with one instance has nothing to fail over to. */
function singleInstanceFindings(model: EnvModel, cluster: EnvResource, prod: readonly string[], ctx: TransformContext): void {
  for (const env of prod) {
    const own = cluster.instances.filter((i) => i.env === env);
    const ids = own.map((i) => stringOf(argument(i, 'cluster_identifier')));
    const members = [...model.rendered(own[0]!.workspace).instances].filter(([, inst]) => {
      if (inst.block.labels[0] !== 'aws_rds_cluster_instance') return false;
      const v = inst.body.attrs.get('cluster_identifier');
      return (v?.t === 'ref' && own.some((o) => o.address === v.address && o.workspace === v.workspace)) || (v?.t === 'string' && ids.includes(v.v));
    });
    if (members.length === 1) {
      ctx.finding(
        'warning',
        `${env} ${cluster.address} has a single instance (${members[0]![0]}): Aurora fails over by promoting a replica, and with none a failure means waiting for the instance to be recreated; add an aws_rds_cluster_instance (a reader in another Availability Zone)`,
        { file: cluster.block.file, node: cluster.block.node },
      );
    }
  }
}

function apply({ model, proposals }: Plan, _module: ModuleView, ctx: TransformContext): void {
  for (const p of proposals) {
    ctx.change({ subject: p.subject, title: p.title, reason: p.reason, kind: 'behaviour' }, (c) => {
      for (const e of p.edits) model.write(c, p.res, e.attr, e.slot, e.values, e.actions);
    });
  }
}

/** RDS keeps automated backups for 1 to 35 days (0 turns them off, which this never proposes). */
function checkOptions(options: OptionValues): string | null {
  for (const [env, days] of Object.entries((options.backupRetention ?? {}) as Record<string, number>)) {
    if (!Number.isInteger(days) || days < 1 || days > 35) return `rdsHardening.backupRetention.${env}: expected a whole number of days from 1 to 35 (RDS's range), got ${days}`;
  }
  return null;
}

export default defineTransform<Plan>({
  id: ID,
  title: 'Harden RDS databases per environment',
  description: 'Multi-AZ, deletion protection and a final snapshot for production aws_db_instance/aws_rds_cluster, backup retention per environment (never lowered); unencrypted storage and single-instance production Aurora clusters are findings.',
  kinds: ['behaviour'],
  optIn: true,
  options: {
    backupRetention: {
      type: 'number-map',
      description: 'backup retention in days per environment (default: prod 30, staging 7, any other 1); a higher existing value is kept',
      config: 'rdsHardening.backupRetention',
      example: '{ "prod": 35, "staging": 7, "dev": 1 }',
    },
  },
  checkOptions,
  plan,
  apply,
});

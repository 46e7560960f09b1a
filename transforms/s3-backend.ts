// s3-backend: local (or missing) backends become an encrypted, locked S3 backend with a partial
// configuration file, and the migration script copies the state over.
import { attributeOf, attributeValue, boolValue } from '../src/cst/nodes.js';
import type { Node } from '../src/cst/parser.js';
import { attribute, block, blank, printBlock, printBody, type BodyItem } from '../src/cst/printer.js';
import { insertNestedBlock, replaceItem } from '../src/cst/structure.js';
import { defineTransform } from '../src/engine/transform.js';
import { ignores } from '../src/terraform/ignore-directive.js';
import type { BlockRef } from '../src/terraform/module-index.js';
import { requireTerraform } from '../src/terraform/required-version.js';
import { stateLocation } from '../src/terraform/state-location.js';

const BACKEND_FILE = 'backend.s3.tfbackend';
const LOCKFILE_VERSION = '1.10';

interface Plan {
  key: string;
  /** The `backend "local"` block to replace, or the terraform block to add the backend to. */
  replace: { terraform: BlockRef; node: Node } | null;
  into: BlockRef | null;
}

interface Facts {
  keys: Record<string, string>;
  /** Module path -> other roots with the same key. */
  clashes: Record<string, string[]>;
}

function stateKey(path: string, overrides: Record<string, string> | undefined): string {
  return overrides?.[path] ?? (path === '.' ? 'terraform.tfstate' : `${path}/terraform.tfstate`);
}

export default defineTransform<Plan>({
  id: 's3-backend',
  title: 'Move local state to an encrypted, locked S3 backend',
  description: 'A local or missing backend in a root module becomes backend "s3" (encrypt, use_lockfile) with a partial configuration file; the migration script copies the state.',
  kinds: ['refactor'],
  optIn: false,
  options: {
    bucket: { type: 'string', description: 'S3 bucket for state', flag: 'backend-bucket', config: 'backend.bucket', example: 'acme-terraform-state' },
    region: { type: 'string', description: 'region of the bucket', flag: 'backend-region', config: 'backend.region', example: 'us-east-1' },
    kmsKeyId: { type: 'string', description: 'KMS key for state encryption (default: SSE-S3)', flag: 'backend-kms-key-id', config: 'backend.kmsKeyId' },
    workspaceKeyPrefix: { type: 'string', description: 'prefix of non-default workspaces\' state keys', config: 'backend.workspaceKeyPrefix', default: 'workspaces' },
    keys: { type: 'map', description: 'state key per root module path (default <path>/terraform.tfstate)', config: 'backend.keys' },
  },

  prepare(tree, options): Facts {
    const overrides = options.keys as Record<string, string> | undefined;
    const keys: Record<string, string> = {};
    const byKey = new Map<string, string[]>();
    for (const m of tree.modules) {
      if (!m.isRoot) continue;
      const key = stateKey(m.path, overrides);
      keys[m.path] = key;
      byKey.set(key, [...(byKey.get(key) ?? []), m.path]);
    }
    const clashes: Record<string, string[]> = {};
    for (const paths of byKey.values()) if (paths.length > 1) for (const p of paths) clashes[p] = paths.filter((o) => o !== p);
    return { keys, clashes };
  },

  plan(module, ctx) {
    if (!module.isRoot) return null;
    const facts = ctx.facts as Facts;
    const backends = module.index.backends();
    const current = backends[0];
    if (current && current.type !== 'local') {
      if (current.type === 's3') {
        const at = { file: current.terraform.file, node: current.node };
        const body = current.node.namedChildren.find((c) => c?.type === 'body') ?? null;
        const flag = (name: string) => {
          const a = attributeOf(body, name);
          const v = a && attributeValue(a);
          return v ? boolValue(v) : null;
        };
        if (flag('encrypt') !== true) ctx.finding('warning', 'backend "s3" without encrypt = true: state (which holds secrets in plain text) is stored unencrypted', at);
        if (attributeOf(body, 'dynamodb_table')) ctx.finding('info', 'dynamodb_table locking is deprecated; use_lockfile = true (Terraform >= 1.10) replaces it', at);
        else if (flag('use_lockfile') !== true) ctx.finding('warning', 'backend "s3" without state locking: set use_lockfile = true (Terraform >= 1.10)', at);
      }
      return null;
    }
    if (current && ignores(current.terraform.ignore, 's3-backend')) return null;
    if (!ctx.options.bucket) {
      ctx.finding('warning', `state is ${current ? 'in backend "local"' : 'local (no backend)'}: pass --backend-bucket (and --backend-region) to move it to an encrypted S3 backend`);
      return null;
    }
    if (!ctx.options.region) {
      ctx.finding('warning', 'no --backend-region: the S3 backend needs the bucket\'s region; state left where it is');
      return null;
    }
    const clash = facts.clashes[module.path];
    if (clash) {
      ctx.finding('error', `state key "${facts.keys[module.path]}" is also the key of ${clash.join(', ')}; refusing to let two roots share one state (set backend.keys in the config)`);
      return null;
    }
    if (module.textOf(BACKEND_FILE) !== undefined) {
      ctx.finding('warning', `${BACKEND_FILE} already exists; not changed: check it, then move the backend by hand`);
      return null;
    }
    const key = facts.keys[module.path]!;
    if (current) return { key, replace: { terraform: current.terraform, node: current.node }, into: null };
    const into = module.index.terraformBlocks.find((t) => t.body !== null) ?? module.index.terraformBlocks[0] ?? null;
    return { key, replace: null, into };
  },

  apply(plan, module, ctx) {
    const o = ctx.options as { bucket: string; region: string; kmsKeyId?: string; workspaceKeyPrefix: string };
    const backendBody: BodyItem[] = [
      attribute('key', plan.key),
      attribute('workspace_key_prefix', o.workspaceKeyPrefix),
      attribute('encrypt', true),
      attribute('use_lockfile', true),
    ];
    const backend = block('backend', ['s3'], backendBody);
    const location = stateLocation(module.index);
    ctx.change(
      {
        subject: 'backend',
        title: `Move state to the S3 backend (s3://${o.bucket}/${plan.key}, encrypted, locked)`,
        reason:
          `State is ${plan.replace ? 'in backend "local"' : 'local (no backend block)'}: on one machine, unlocked, unencrypted. ` +
          `backend "s3" with encrypt and use_lockfile keeps it shared, locked and encrypted; bucket and region go into ${BACKEND_FILE}. ` +
          'No resource changes.',
        kind: 'refactor',
      },
      (c) => {
        if (plan.replace) {
          const file = plan.replace.terraform.file;
          const e = replaceItem(file.text, plan.replace.node, printBlock(backend));
          c.replace(file, e.start, e.end, e.text);
        } else if (plan.into) {
          const e = insertNestedBlock(plan.into.file.text, plan.into.node, printBlock(backend));
          c.replace(plan.into.file, e.start, e.end, e.text);
        }
        const raised = requireTerraform(module.index, LOCKFILE_VERSION, 'use_lockfile needs Terraform 1.10', c);
        if (!plan.replace && !plan.into) {
          c.appendItem('backend.tf', printBlock(block('terraform', [], [attribute('required_version', `>= ${LOCKFILE_VERSION}`), blank, backend])));
        }
        if (raised) c.finding('info', `${raised}: everyone running this module needs Terraform >= ${LOCKFILE_VERSION}`);
        const config: BodyItem[] = [attribute('bucket', o.bucket), attribute('region', o.region)];
        if (o.kmsKeyId) config.push(attribute('kms_key_id', o.kmsKeyId));
        c.appendItem(BACKEND_FILE, printBody(config));
        c.step({ kind: 'backend', backendConfigFile: BACKEND_FILE, localStatePath: location.path, localWorkspaceDir: location.workspaceDir });
        c.instruction(
          `run ./migrate-state.sh: it backs up ${location.path} and ${location.workspaceDir}/, then copies every workspace with terraform init -migrate-state -force-copy -backend-config=${BACKEND_FILE}`,
        );
      },
    );
  },
});

// One generated module: five .tf files of realistic size and content. A legacy module has
// something for each of the first three transforms to change: a redundant `aws.primary` alias
// in use (dedupe-providers), literal secrets (extract-secrets; reported only in a child module),
// and, in a root, a local or missing backend (s3-backend). A clean module has none of that: S3
// backend already, secrets from sensitive variables, only aliases that really differ.
import { HclBody, str, strList, topBlock } from './hcl-writer.js';
import { Random } from './random.js';
import { ENVIRONMENT, ModuleContext, type SecretSite, type VariableSpec } from './module-context.js';
import { SECRET_TEMPLATES, TOPICS, type Template } from './resources.js';

export interface ModuleCall {
  name: string;
  source: string;
}

export interface ModuleSpec {
  /** Path from the tree root, forward slashes. */
  path: string;
  isRoot: boolean;
  legacy: boolean;
  calls: ModuleCall[];
  team: string;
  service: string;
  topic: string;
  seed: number;
}

export const MIN_FILE = 300;
export const MAX_FILE = 8000;
export const TOPIC_NAMES = Object.keys(TOPICS);

const STATE_BUCKET = 'acme-terraform-state';
const SECRET_SITES: SecretSite[] = ['db', 'cache', 'lambda', 'ssm', 'default'];
const FILLER_WORDS = ['log', 'alarm', 'backup', 'retention', 'replica', 'metrics', 'archive', 'audit', 'cleanup', 'snapshot', 'scaling', 'health', 'deploy', 'feature', 'route'];

/** The text of each file of the module, by name. */
export function renderModule(spec: ModuleSpec): Map<string, string> {
  const rng = new Random(spec.seed);
  const secrets = new Set<SecretSite>(spec.legacy ? rng.sample(SECRET_SITES, spec.isRoot ? rng.int(1, 2) : 1) : []);
  const c = new ModuleContext(rng, spec.service, spec.legacy, spec.isRoot, secrets);
  c.v('name', { type: 'string', description: 'Name prefix for every resource of this module.', default: str(spec.service) });
  c.v('environment', ENVIRONMENT);
  const target = (median: number): number => rng.logNormal(median, 0.75, MIN_FILE, MAX_FILE);

  // main.tf: locals, module calls, the templates that hold this module's secrets, then fill.
  const main: string[] = [
    locals(c, spec),
    topBlock('data', ['aws_caller_identity', 'current'], () => {}),
    topBlock('data', ['aws_availability_zones', 'available'], (b) => b.attr('state', str('available'))),
  ];
  for (const call of spec.calls) main.push(moduleCall(c, call));
  if (secrets.has('default')) {
    const name = rng.pick(['github_token', 'datadog_api_key', 'admin_password', 'slack_webhook_secret']);
    c.v(name, { type: 'string', description: 'Set once by hand in 2020.', default: str(c.secretValue('', 28)) });
  }
  for (const site of secrets) {
    const t = SECRET_TEMPLATES[site];
    if (t) main.push(t(c));
  }
  const templates = TOPICS[spec.topic]!;
  fill(c, main, target(1400), () => rng.pick(templates));

  // The topic file: its first template, then fill.
  const topic: string[] = [];
  let first = true;
  fill(c, topic, target(1400), () => {
    const t = first ? templates[0]! : rng.pick(templates);
    first = false;
    return t;
  });

  const files = new Map<string, string>();
  files.set(spec.isRoot ? 'providers.tf' : 'versions.tf', withHeader(rng, spec, settings(c, spec), 'providers'));
  files.set('main.tf', withHeader(rng, spec, main.join('\n'), 'main'));
  files.set(`${spec.topic}.tf`, withHeader(rng, spec, topic.join('\n'), spec.topic));
  files.set('variables.tf', withHeader(rng, spec, variables(c, target(900)), 'variables'));
  files.set('outputs.tf', withHeader(rng, spec, outputs(c, target(700)), 'outputs'));
  if (spec.legacy && c.aliasUses === 0) throw new Error(`${spec.path}: a legacy module without a use of aws.primary`);
  return files;
}

/** Adds blocks from `next()` until the text reaches `target` bytes (never beyond MAX_FILE). */
function fill(c: ModuleContext, blocks: string[], target: number, next: () => Template): void {
  let size = blocks.reduce((n, b) => n + b.length + 1, 0);
  for (let misses = 0; size < target && misses < 3; ) {
    const saved = c.checkpoint();
    const text = next()(c);
    if (size + text.length + 1 > MAX_FILE - 400) {
      c.rollback(saved);
      misses++;
      continue;
    }
    blocks.push(text);
    size += text.length + 1;
  }
}

function locals(c: ModuleContext, spec: ModuleSpec): string {
  return topBlock('locals', [], (b) => {
    b.attr('name_prefix', str(`${spec.team}-\${var.name}-\${var.environment}`));
    b.blank();
    b.object('common_tags', (t) => {
      t.attr('Team', str(spec.team));
      t.attr('Service', str(spec.service));
      t.attr('Environment', 'var.environment');
      t.attr('ManagedBy', str('terraform'));
      if (c.rng.chance(0.5)) t.attr('Repository', str(`github.com/acme/${spec.team}-infra`));
    });
    b.blank();
    b.object('instance_types', (t) => {
      t.attr('dev', str('t3.small'));
      t.attr('staging', str('t3.medium'));
      t.attr('prod', str(c.rng.pick(['m5.large', 'm5.xlarge', 'c5.large'])));
    });
    b.blank();
    b.object('parameters', (p) => {
      p.attr('"log-level"', str(c.rng.pick(['info', 'warn'])));
      p.attr('"feature-flags"', str(c.rng.sample(['search', 'billing', 'beta-ui', 'exports'], 2).join(',')));
      p.attr('"max-workers"', str(String(c.rng.int(2, 32))));
    });
    if (c.rng.chance(0.4)) {
      b.blank();
      b.attr('is_production', 'var.environment == "prod"');
      b.attr('zone_names', '[for az in data.aws_availability_zones.available.names : az if az != "us-east-1e"]');
    }
  });
}

function moduleCall(c: ModuleContext, call: ModuleCall): string {
  return topBlock('module', [c.label('module', call.name)], (b) => {
    b.attr('source', str(call.source));
    b.blank();
    b.attr('name', str(`\${var.name}-${call.name}`));
    b.attr('environment', 'var.environment');
    if (c.rng.chance(0.5)) b.attr('vpc_cidr', str(`10.${c.rng.int(0, 250)}.0.0/16`));
    if (c.rng.chance(0.5)) b.attr('private_subnet_ids', c.v('private_subnet_ids', { type: 'list(string)', description: 'Private subnet IDs.' }));
    if (c.legacy && c.rng.chance(0.5)) {
      b.blank();
      b.object('providers', (p) => p.attr('aws', 'aws.primary'));
      c.aliasUses++;
    }
  });
}

/** The terraform block and provider configurations (providers.tf in a root, versions.tf in a child). */
function settings(c: ModuleContext, spec: ModuleSpec): string {
  const rng = c.rng;
  const blocks: string[] = [];
  blocks.push(
    topBlock('terraform', [], (b) => {
      b.attr('required_version', str(spec.legacy ? rng.pick(['>= 1.3.0', '~> 1.5', '>= 1.0']) : '>= 1.10'));
      b.blank();
      b.block('required_providers', [], (p) => {
        p.object('aws', (a) => {
          a.attr('source', str('hashicorp/aws'));
          a.attr('version', str(rng.pick(['~> 5.0', '>= 4.60', '~> 4.67'])));
        });
        if (rng.chance(0.3)) {
          p.object('random', (a) => {
            a.attr('source', str('hashicorp/random'));
            a.attr('version', str('~> 3.5'));
          });
        }
      });
      if (!spec.isRoot) return;
      if (!spec.legacy) {
        b.blank();
        b.block('backend', ['s3'], (s) => {
          s.attr('bucket', str(STATE_BUCKET));
          s.attr('key', str(`${spec.path}/terraform.tfstate`));
          s.attr('region', str('us-east-1'));
          s.attr('encrypt', 'true');
          s.attr('use_lockfile', 'true');
        });
      } else if (rng.chance(0.5)) {
        b.blank();
        b.block('backend', ['local'], (s) => s.attr('path', str('terraform.tfstate')));
      }
    }),
  );
  const region = spec.isRoot ? str('us-east-1') : c.v('region', { type: 'string', description: 'AWS region.', default: str('us-east-1') });
  const defaultTags = spec.isRoot && rng.chance(0.3);
  const provider = (alias: string | null, regionValue: string, remark?: string) =>
    topBlock('provider', ['aws'], (b) => {
      if (remark) b.comment(remark);
      if (alias) b.attr('alias', str(alias));
      b.attr('region', regionValue);
      if (defaultTags) {
        b.blank();
        b.block('default_tags', [], (d) => d.attr('tags', 'local.common_tags'));
      }
    });
  if (spec.isRoot || spec.legacy) {
    blocks.push(provider(null, region));
    if (spec.legacy) blocks.push(provider('primary', region, '# Added for the region migration that never happened.'));
  }
  if (spec.isRoot) blocks.push(provider('dr', str('us-west-2'), '# Disaster recovery: really another region.'));
  return blocks.join('\n');
}

function variables(c: ModuleContext, target: number): string {
  const blocks: string[] = [];
  let size = 0;
  const add = (name: string, v: VariableSpec): void => {
    const text = topBlock('variable', [name], (b) => {
      b.attr('description', str(v.description));
      b.attr('type', v.type);
      if (v.default !== undefined) b.attr('default', v.default);
      if (v.sensitive) b.attr('sensitive', 'true');
      if (v.validation) {
        b.blank();
        b.block('validation', [], (val) => {
          val.attr('condition', v.validation!.condition);
          val.attr('error_message', str(v.validation!.message));
        });
      }
    });
    blocks.push(text);
    size += text.length + 1;
  };
  for (const [name, v] of c.variables) add(name, v);
  const used = new Set(c.variables.keys());
  for (let i = 0; size < target && i < 40; i++) {
    const word = c.rng.pick(FILLER_WORDS);
    const [name, v] = c.rng.pick<[string, VariableSpec]>([
      [`enable_${word}`, { type: 'bool', description: `Turns ${word} on.`, default: c.rng.chance(0.5) ? 'true' : 'false' }],
      [`${word}_days`, { type: 'number', description: `Days to keep ${word} data.`, default: String(c.rng.pick([7, 14, 30, 90, 365])) }],
      [`${word}_tags`, { type: 'map(string)', description: `Extra tags for ${word} resources.`, default: '{}' }],
      [`${word}_cidrs`, { type: 'list(string)', description: `CIDRs allowed to reach ${word}.`, default: strList(['10.0.0.0/8']) }],
    ]);
    if (used.has(name) || size + 400 > MAX_FILE) continue;
    used.add(name);
    add(name, v);
  }
  return blocks.join('\n');
}

function outputs(c: ModuleContext, target: number): string {
  const blocks: string[] = [];
  let size = 0;
  for (const o of c.outputs) {
    if (size >= target && blocks.length > 0) break;
    const text = topBlock('output', [o.name], (b) => {
      if (c.legacy ? c.rng.chance(0.6) : true) b.attr('description', str(o.description));
      b.attr('value', o.value);
      if (o.sensitive) b.attr('sensitive', 'true');
    });
    if (size + text.length > MAX_FILE - 300) break;
    blocks.push(text);
    size += text.length + 1;
  }
  if (size < target) {
    blocks.push(
      topBlock('output', ['environment'], (b) => {
        b.attr('description', str('Environment this module was deployed to.'));
        b.attr('value', 'var.environment');
      }),
    );
  }
  return blocks.join('\n');
}

const HEADERS = [
  (s: ModuleSpec, what: string) => [`# ${s.service}: ${what}.`, `# Owned by the ${s.team} team; ask in #${s.team}-infra before changing.`],
  (s: ModuleSpec, what: string) => [
    '# ---------------------------------------------------------------------------',
    `# ${s.path} — ${what}`,
    '# ---------------------------------------------------------------------------',
  ],
  (s: ModuleSpec, what: string) => ['/*', `  ${what} for ${s.service}.`, '  Generated once by a script in 2018, edited by hand since.', '*/'],
];

/** The file text, with a header comment when it is short (and sometimes when it is not). */
function withHeader(rng: Random, spec: ModuleSpec, body: string, what: string): string {
  let text = body.endsWith('\n') ? body : body + '\n';
  if (text.length >= MIN_FILE && !rng.chance(0.3)) return text;
  const header = new HclBody(0);
  header.comment(...rng.pick(HEADERS)(spec, what));
  let h = header.render() + '\n';
  while (h.length + text.length < MIN_FILE) h += `# ${rng.pick(['Do not edit by hand outside a change request.', 'See docs/runbook.md for the rollout order.', 'Values per environment live in the tfvars of each workspace.'])}\n`;
  return h + (h.endsWith('\n\n') ? '' : '\n') + text;
}

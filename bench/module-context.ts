// The state of one module being generated: unique labels, the variables its resources use, the
// outputs they offer, and, in a legacy module, which secrets are written inline and how often
// the redundant `aws.primary` alias is used. Templates (resources.ts) write through it.
import { HclBody, str } from './hcl-writer.js';
import type { Random } from './random.js';

export interface VariableSpec {
  type: string;
  description: string;
  /** HCL expression; none for required variables. */
  default?: string;
  sensitive?: boolean;
  validation?: { condition: string; message: string };
}

export interface OutputSpec {
  name: string;
  value: string;
  description: string;
  sensitive?: boolean;
}

/** Where a legacy module writes a hardcoded secret. */
export type SecretSite = 'db' | 'cache' | 'lambda' | 'ssm' | 'default';

export interface Checkpoint {
  labels: Map<string, number>;
  variables: Map<string, VariableSpec>;
  outputs: number;
  outputNames: Set<string>;
  aliasUses: number;
}

export class ModuleContext {
  private readonly labels = new Map<string, number>();
  readonly variables = new Map<string, VariableSpec>();
  readonly outputs: OutputSpec[] = [];
  private readonly outputNames = new Set<string>();
  /** References to the redundant alias written so far (legacy modules need at least one). */
  aliasUses = 0;

  constructor(
    readonly rng: Random,
    readonly name: string,
    /** Legacy: redundant provider alias in use and secrets written inline. */
    readonly legacy: boolean,
    readonly isRoot: boolean,
    /** Sites where this module writes a literal secret. */
    readonly secrets: ReadonlySet<SecretSite>,
  ) {}

  /** What `rollback` restores: a template whose text is discarded leaves no trace. */
  checkpoint(): Checkpoint {
    return {
      labels: new Map(this.labels),
      variables: new Map(this.variables),
      outputs: this.outputs.length,
      outputNames: new Set(this.outputNames),
      aliasUses: this.aliasUses,
    };
  }

  rollback(cp: Checkpoint): void {
    const reset = <K, V>(m: Map<K, V>, from: Map<K, V>): void => {
      m.clear();
      for (const [k, v] of from) m.set(k, v);
    };
    reset(this.labels, cp.labels);
    reset(this.variables, cp.variables);
    this.outputs.length = cp.outputs;
    this.outputNames.clear();
    for (const n of cp.outputNames) this.outputNames.add(n);
    this.aliasUses = cp.aliasUses;
  }

  /** A resource label unique for its type within the module. */
  label(type: string, base: string): string {
    const n = (this.labels.get(`${type}.${base}`) ?? 0) + 1;
    this.labels.set(`${type}.${base}`, n);
    return n === 1 ? base : `${base}_${n}`;
  }

  has(type: string, label: string): boolean {
    return this.labels.has(`${type}.${label}`);
  }

  /** Declares a variable (the first declaration wins) and returns `var.name`. */
  v(name: string, spec: VariableSpec): string {
    if (!this.variables.has(name)) this.variables.set(name, spec);
    return `var.${name}`;
  }

  out(name: string, value: string, description: string, sensitive = false): void {
    let n = name;
    for (let i = 2; this.outputNames.has(n); i++) n = `${name}_${i}`;
    this.outputNames.add(n);
    this.outputs.push({ name: n, value, description, ...(sensitive ? { sensitive } : {}) });
  }

  /** `provider = aws.primary` on some resources of a legacy module, `aws.dr` rarely elsewhere. */
  provider(b: HclBody, force = false): void {
    if (this.legacy && (force || this.aliasUses === 0 || this.rng.chance(0.4))) {
      b.attr('provider', 'aws.primary');
      this.aliasUses++;
    } else if (this.isRoot && this.rng.chance(0.05)) {
      b.attr('provider', 'aws.dr');
    }
  }

  tags(b: HclBody, name: string): void {
    b.blank();
    // Tags typed out again and again are a legacy pattern (common-tags); a clean module merges.
    if (!this.legacy || this.rng.chance(0.6)) {
      b.object('tags', (t) => t.attr('Name', str(name)), 'merge(local.common_tags, {', '})');
    } else {
      b.object('tags', (t) => {
        t.attr('Name', str(name));
        t.attr('Environment', this.v('environment', ENVIRONMENT));
        if (this.rng.chance(0.5)) t.attr('Owner', str(this.rng.pick(OWNERS)));
        if (this.rng.chance(0.3)) t.attr('CostCenter', str(`cc-${this.rng.int(1000, 9999)}`));
      });
    }
  }

  /** A comment line above a block, sometimes. */
  remark(b: HclBody, p = 0.3): void {
    if (this.rng.chance(p)) b.comment(...this.rng.pick(REMARKS));
  }

  secretValue(prefix: string, length: number): string {
    return `${prefix}${this.rng.token(length)}`;
  }
}

export const ENVIRONMENT: VariableSpec = {
  type: 'string',
  description: 'Deployment environment (dev, staging or prod).',
  validation: { condition: 'contains(["dev", "staging", "prod"], var.environment)', message: 'environment must be dev, staging or prod.' },
};
export const NAME: VariableSpec = { type: 'string', description: 'Name prefix for every resource of this module.' };
export const VPC_ID: VariableSpec = { type: 'string', description: 'VPC to place resources in.' };
export const SUBNETS: VariableSpec = { type: 'list(string)', description: 'Private subnet IDs.' };

const OWNERS = ['platform', 'payments', 'data-eng', 'sre', 'growth', 'identity', 'search', 'mobile'];
const REMARKS: string[][] = [
  ['# TODO: move to the shared module once it supports this.'],
  ['# Imported from the console in 2019; do not rename without a state mv.'],
  ['// legacy: kept for the old deploy pipeline'],
  ['# NOTE: values copied from prod, nobody resized them.'],
  ['/*', '  Temporarily disabled alarms were removed here.', '  See the incident review for details.', '*/'],
  ['# Owner: José Álvarez — platform team (ask before changing).'],
  ['# FIXME(ops-1432): this should come from a data source.'],
  ['# Keep in sync with the ansible inventory.'],
];

// Which transforms run, with which option values: command-line flags over the config file over
// each option's default. Behaviour transforms run only when named.
import { ConfigError, type Config } from '../config.js';
import type { Transform } from '../engine/transform.js';
import type { OptionSpec, OptionValues } from '../engine/types.js';
import { UsageError, type CliOptions } from './args.js';

export interface Selection {
  selected: Transform<unknown>[];
  options: Map<string, OptionValues>;
  /** Transforms named explicitly: their behaviour changes are applied too. */
  behaviourFrom: Set<string>;
}

function optionValue(spec: OptionSpec, flag: string | undefined, config: unknown): unknown {
  if (flag === undefined) return config ?? spec.default;
  switch (spec.type) {
    case 'number': {
      const n = Number(flag);
      if (!Number.isFinite(n)) throw new UsageError(`--${spec.flag} expects a number, got "${flag}"`);
      return n;
    }
    case 'boolean':
      return flag === 'true';
    case 'string[]':
      return flag.split(',').map((s) => s.trim()).filter(Boolean);
    default:
      if (flag === '') throw new UsageError(`--${spec.flag} needs a value`);
      return flag;
  }
}

export function resolveSelection(cli: CliOptions, config: Config, registry: readonly Transform<unknown>[]): Selection {
  const named = cli.transforms ?? config.transforms;
  if (named) {
    const known = new Set(registry.map((t) => t.id));
    const unknown = named.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new ConfigError(`unknown transform ${unknown.join(', ')} in the config (known: ${[...known].join(', ')})`);
  }
  const selected = registry.filter((t) => (named ? named.includes(t.id) : !t.optIn));
  const options = new Map<string, OptionValues>();
  for (const t of registry) {
    const values: OptionValues = {};
    for (const [name, spec] of Object.entries(t.options)) {
      values[name] = optionValue(spec, spec.flag ? cli.transformFlags.get(spec.flag) : undefined, spec.config ? config.values.get(spec.config) : undefined);
    }
    values.environments = cli.environments ?? config.environments;
    // How moves are delivered decides whether a transform writes moved blocks.
    values.migrationFormat = cli.migrationFormat ?? config.migrationFormat;
    options.set(t.id, values);
  }
  for (const t of selected) {
    const problem = t.checkOptions?.(options.get(t.id)!);
    if (problem) throw new UsageError(problem);
  }
  return { selected, options, behaviourFrom: new Set(named ?? []) };
}

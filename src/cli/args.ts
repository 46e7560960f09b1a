// Command-line flags (DESIGN.md "Contracts"). Transform options add their own flags from the
// registry (`--backend-bucket` comes from s3-backend's option spec).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Transform } from '../engine/transform.js';
import { MIGRATION_FORMATS, type MigrationFormat } from '../engine/types.js';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface CliOptions {
  paths: string[];
  write: boolean;
  check: boolean;
  /** -i: review each change in the terminal, then write the accepted ones. */
  interactive: boolean;
  json: boolean;
  patch?: string;
  transforms?: string[];
  listTransforms: boolean;
  exclude: string[];
  environments?: string[];
  migrationScript?: string;
  migrationFormat?: MigrationFormat;
  showSecrets: boolean;
  color?: boolean;
  config?: string;
  allowDirty: boolean;
  /** --no-verify: --write skips proving the refactor changes plan nothing. */
  noVerify: boolean;
  help: boolean;
  version: boolean;
  /** Transform option values given as flags, by flag name. */
  transformFlags: Map<string, string>;
}

const CORE = {
  write: { type: 'boolean' },
  check: { type: 'boolean' },
  interactive: { type: 'boolean', short: 'i' },
  json: { type: 'boolean' },
  patch: { type: 'string' },
  transforms: { type: 'string' },
  'list-transforms': { type: 'boolean' },
  exclude: { type: 'string', multiple: true },
  environments: { type: 'string' },
  'migration-script': { type: 'string' },
  'migration-format': { type: 'string' },
  'show-secrets': { type: 'boolean' },
  'no-color': { type: 'boolean' },
  color: { type: 'boolean' },
  config: { type: 'string' },
  'allow-dirty': { type: 'boolean' },
  'no-verify': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

const list = (s: string | undefined): string[] | undefined =>
  s === undefined ? undefined : s.split(',').map((x) => x.trim()).filter(Boolean);

export function parseCli(argv: string[], registry: readonly Transform<unknown>[]): CliOptions {
  const options: NonNullable<ParseArgsConfig['options']> = { ...CORE };
  const transformFlags = new Set<string>();
  for (const t of registry) {
    for (const spec of Object.values(t.options)) {
      if (!spec.flag) continue;
      options[spec.flag] = { type: spec.type === 'boolean' ? 'boolean' : 'string' };
      transformFlags.add(spec.flag);
    }
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/, ''));
  }
  const v = parsed.values as Record<string, unknown>;
  const opts: CliOptions = {
    paths: parsed.positionals.length > 0 ? parsed.positionals : ['.'],
    write: v.write === true,
    check: v.check === true,
    interactive: v.interactive === true,
    json: v.json === true,
    listTransforms: v['list-transforms'] === true,
    exclude: (v.exclude as string[] | undefined) ?? [],
    showSecrets: v['show-secrets'] === true,
    allowDirty: v['allow-dirty'] === true,
    noVerify: v['no-verify'] === true,
    help: v.help === true,
    version: v.version === true,
    transformFlags: new Map([...transformFlags].filter((f) => v[f] !== undefined).map((f) => [f, String(v[f])])),
  };
  if (typeof v.patch === 'string') opts.patch = v.patch;
  if (typeof v.config === 'string') opts.config = v.config;
  if (typeof v['migration-script'] === 'string') opts.migrationScript = v['migration-script'];
  if (typeof v['migration-format'] === 'string') {
    const f = v['migration-format'];
    if (!(MIGRATION_FORMATS as readonly string[]).includes(f)) throw new UsageError(`--migration-format takes ${MIGRATION_FORMATS.join(', ')}; got "${f}"`);
    opts.migrationFormat = f as MigrationFormat;
  }
  const t = list(v.transforms as string | undefined);
  if (t) opts.transforms = t;
  const envs = list(v.environments as string | undefined);
  if (envs) opts.environments = envs;
  if (v['no-color'] === true) opts.color = false;
  else if (v.color === true) opts.color = true;

  if (opts.write && opts.check) throw new UsageError('--write and --check cannot be used together (--check never writes)');
  if (opts.interactive) {
    const other = [opts.write && '--write', opts.check && '--check', opts.json && '--json', opts.patch !== undefined && '--patch'].filter(Boolean);
    if (other.length > 0) throw new UsageError(`-i reviews in the terminal and writes what you accept; it cannot be used with ${other.join(', ')}`);
  }
  if (opts.transforms) {
    const known = new Set(registry.map((r) => r.id));
    const unknown = opts.transforms.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new UsageError(`unknown transform ${unknown.join(', ')} (--list-transforms shows them: ${[...known].join(', ')})`);
    if (opts.transforms.length === 0) throw new UsageError('--transforms needs at least one transform id');
  }
  if (opts.environments) {
    const bad = opts.environments.filter((e) => !/^[A-Za-z0-9_-]+$/.test(e));
    if (bad.length > 0 || opts.environments.length < 2) throw new UsageError('--environments takes two or more names such as dev,staging,prod');
  }
  if (opts.patch === '') throw new UsageError('--patch needs a file name');
  return opts;
}

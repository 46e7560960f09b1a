// `.tfcodemod.json` at the tree root (or --config FILE): run settings and transform options.
// The keys a transform accepts come from its own option specs (`config: 'backend.bucket'`), so
// the file is validated against exactly what the registry can use; an unknown key is an error
// that names the keys that exist.
import { promises as fs } from 'node:fs';
import type { Transform } from './engine/transform.js';
import { MIGRATION_FORMATS, type MigrationFormat, type OptionSpec } from './engine/types.js';

export interface Config {
  transforms?: string[];
  exclude?: string[];
  environments?: string[];
  /** Module paths (from the tree root) that are root modules whatever calls them. */
  roots?: string[];
  migrationScript?: string;
  migrationFormat?: MigrationFormat;
  /** Transform option values by config path (`backend.bucket`). */
  values: Map<string, unknown>;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const CORE: Record<string, OptionSpec> = {
  transforms: { type: 'string[]', description: 'transforms to run (ids), as --transforms' },
  exclude: { type: 'string[]', description: 'globs of paths to skip, as --exclude' },
  environments: { type: 'string[]', description: 'environment names, as --environments' },
  roots: { type: 'string[]', description: 'module paths that are root modules' },
  migrationScript: { type: 'string', description: 'migration script path, as --migration-script' },
  migrationFormat: { type: 'string', description: 'script, tfmigrate or moved, as --migration-format' },
};

const kindOf = (value: unknown): string => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);
const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function typeError(where: string, spec: OptionSpec, value: unknown): string | null {
  const got = kindOf(value);
  switch (spec.type) {
    case 'string':
      return typeof value === 'string' ? null : `${where}: expected a string, got ${got}`;
    case 'number':
      return typeof value === 'number' ? null : `${where}: expected a number, got ${got}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : `${where}: expected true or false, got ${got}`;
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? null
        : `${where}: expected an array of strings, got ${got}`;
    case 'map':
      return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string')
        ? null
        : `${where}: expected an object of strings, got ${got}`;
    case 'number-map': {
      if (!isObject(value)) return `${where}: expected an object of numbers, got ${got}`;
      const bad = Object.entries(value).filter(([, v]) => typeof v !== 'number');
      return bad.length === 0 ? null : bad.map(([k, v]) => `${where}.${k}: expected a number, got ${kindOf(v)}`).join('\n');
    }
    case 'record-map': {
      if (!isObject(value)) return `${where}: expected an object of objects, got ${got}`;
      const fields = spec.fields ?? {};
      const problems: string[] = [];
      for (const [key, entry] of Object.entries(value)) {
        if (!isObject(entry)) {
          problems.push(`${where}.${key}: expected an object (with ${Object.keys(fields).join(', ')}), got ${kindOf(entry)}`);
          continue;
        }
        for (const [name, v] of Object.entries(entry)) {
          const field = fields[name];
          if (!field) problems.push(`${where}.${key}.${name}: unknown key (known keys: ${Object.keys(fields).join(', ')})`);
          else if (typeof v !== field.type) problems.push(`${where}.${key}.${name}: expected ${field.type === 'boolean' ? 'true or false' : `a ${field.type}`}, got ${kindOf(v)}`);
        }
      }
      return problems.length === 0 ? null : problems.join('\n');
    }
  }
}

/** Every config path the registry accepts, with its spec. */
export function configSchema(transforms: readonly Transform<unknown>[]): Map<string, OptionSpec> {
  const schema = new Map<string, OptionSpec>(Object.entries(CORE));
  for (const t of transforms) for (const spec of Object.values(t.options)) if (spec.config) schema.set(spec.config, spec);
  return schema;
}

/** Parses and validates config text; `label` names the file in messages. */
export function parseConfig(label: string, text: string, transforms: readonly Transform<unknown>[]): Config {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    let where = label;
    if (m) {
      const before = text.slice(0, Number(m[1]));
      const line = before.split('\n').length;
      where = `${label}:${line}:${before.length - before.lastIndexOf('\n')}`;
    }
    throw new ConfigError(`${where}: not valid JSON: ${(e as Error).message.replace(/ in JSON at position \d+.*$/, '')}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new ConfigError(`${label}: expected a JSON object`);
  const schema = configSchema(transforms);
  const values = new Map<string, unknown>();
  const problems: string[] = [];
  const visit = (obj: Record<string, unknown>, prefix: string): void => {
    for (const [key, value] of Object.entries(obj)) {
      const p = prefix ? `${prefix}.${key}` : key;
      const spec = schema.get(p);
      if (spec) {
        const err = typeError(`${label}: ${p}`, spec, value);
        if (err) problems.push(err);
        else values.set(p, value);
      } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && [...schema.keys()].some((k) => k.startsWith(`${p}.`))) {
        visit(value as Record<string, unknown>, p);
      } else {
        problems.push(`${label}: unknown key "${p}" (known keys: ${[...schema.keys()].sort().join(', ')})`);
      }
    }
  };
  visit(data as Record<string, unknown>, '');
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  const str = (k: string) => values.get(k) as string | undefined;
  const list = (k: string) => values.get(k) as string[] | undefined;
  const config: Config = { values };
  if (list('transforms')) config.transforms = list('transforms')!;
  if (list('exclude')) config.exclude = list('exclude')!;
  if (list('environments')) config.environments = list('environments')!;
  if (list('roots')) config.roots = list('roots')!.map((r) => r.replace(/\/+$/, '').replace(/^\.\//, '') || '.');
  if (str('migrationScript')) config.migrationScript = str('migrationScript')!;
  const format = str('migrationFormat');
  if (format !== undefined) {
    if (!(MIGRATION_FORMATS as readonly string[]).includes(format)) throw new ConfigError(`${label}: migrationFormat: expected one of ${MIGRATION_FORMATS.join(', ')}, got "${format}"`);
    config.migrationFormat = format as MigrationFormat;
  }
  return config;
}

/** Reads the config file; a missing default file is an empty config, a missing named one an error. */
export async function loadConfig(file: string, label: string, required: boolean, transforms: readonly Transform<unknown>[]): Promise<Config> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && !required) return { values: new Map() };
    throw new ConfigError(`${label}: cannot read: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  return parseConfig(label, text, transforms);
}

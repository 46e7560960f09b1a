// Environment names in Terraform names: `dev_vpc`, `vpc_prod`, `web-staging`, `lb_qa_http`.
// A name is split into tokens at `_` and `-`; a token that is an environment name marks the
// name's environment, and the name without it is the base name the group merges into.

export const DEFAULT_ENVIRONMENTS: readonly string[] = [
  'dev',
  'development',
  'test',
  'qa',
  'uat',
  'stage',
  'staging',
  'stg',
  'prod',
  'production',
  'prd',
  'live',
  'sandbox',
];

export interface EnvName {
  /** The environment token as written (`prod`). */
  env: string;
  /** The name without it (`dev_web_sg` -> `web_sg`, `web-staging` -> `web`). */
  base: string;
}

/**
 * The environment in a name, when exactly one token of it is an environment name and removing
 * it leaves something. `environments` are compared case-insensitively.
 */
export function splitEnvName(name: string, environments: readonly string[] = DEFAULT_ENVIRONMENTS): EnvName | null {
  const parts = name.split(/([_-])/);
  const tokens: { index: number; env: string }[] = [];
  const wanted = new Set(environments.map((e) => e.toLowerCase()));
  for (let i = 0; i < parts.length; i += 2) {
    if (wanted.has(parts[i]!.toLowerCase())) tokens.push({ index: i, env: parts[i]! });
  }
  if (tokens.length !== 1) return null;
  const { index, env } = tokens[0]!;
  const rest = [...parts];
  // Drop the token and one separator next to it (the one after, else the one before).
  if (index + 1 < rest.length) rest.splice(index, 2);
  else if (index > 0) rest.splice(index - 1, 2);
  else return null;
  const base = rest.join('');
  if (base === '' || /^[_-]|[_-]$/.test(base)) return null;
  return { env: env.toLowerCase(), base };
}

/** Workspace names in a stable order: the conventional lifecycle order, others alphabetically. */
export function orderEnvironments(envs: Iterable<string>): string[] {
  const rank = (e: string): number => {
    const i = DEFAULT_ENVIRONMENTS.indexOf(e);
    return i === -1 ? DEFAULT_ENVIRONMENTS.length : i;
  };
  return [...new Set(envs)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Names of a production environment, and of a staging one (lower case). */
export const PRODUCTION_NAMES: readonly string[] = ['prod', 'production', 'prd', 'live'];
export const STAGING_NAMES: readonly string[] = ['staging', 'stage', 'stg', 'uat', 'preprod'];

/** The environment that owns what all environments share: the production-like one. */
export function owningEnvironment(envs: readonly string[]): string {
  for (const e of PRODUCTION_NAMES) if (envs.includes(e)) return e;
  return envs[envs.length - 1]!;
}

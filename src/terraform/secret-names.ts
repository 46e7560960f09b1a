// The one list of argument names that hold secrets. Printed by --list-transforms.

/** Exact names (compared lower-case). */
export const SECRET_NAMES: readonly string[] = [
  'password',
  'passwd',
  'master_password',
  'master_user_password',
  'admin_password',
  'root_password',
  'secret',
  'secret_key',
  'secret_access_key',
  'access_key',
  'session_token',
  'token',
  'auth_token',
  'api_token',
  'access_token',
  'refresh_token',
  'api_key',
  'apikey',
  'app_key',
  'client_secret',
  'private_key',
  'private_key_pem',
  'secret_string',
  'webhook_secret',
  'shared_secret',
  'sas_token',
  'license_key',
];

/** Name endings that mark a secret (`db_password`, `github_token`, `stripe_api_key`). */
export const SECRET_SUFFIXES: readonly string[] = [
  '_password',
  '_passwd',
  '_secret',
  '_token',
  '_api_key',
  '_apikey',
  '_secret_key',
  '_access_key',
  '_private_key',
  '_client_secret',
];

/** True when an argument, variable or object key with this name holds a secret. */
export function isSecretName(name: string, extra: readonly string[] = []): boolean {
  const n = name.toLowerCase().replace(/-/g, '_');
  if (SECRET_NAMES.includes(n) || extra.map((e) => e.toLowerCase()).includes(n)) return true;
  return SECRET_SUFFIXES.some((s) => n.endsWith(s));
}

/** One line for --list-transforms. */
export function describeSecretNames(): string {
  return `secret-like names: ${SECRET_NAMES.join(', ')}; and names ending in ${SECRET_SUFFIXES.join(', ')}`;
}

/** A name as written: isSecretName reads `-` as `_` (`master-password`). */
const written = (name: string): string => name.replace(/_/g, '[_-]');
const MENTION_SOURCE = [...SECRET_NAMES.map((n) => `\\b${written(n)}\\b`), ...SECRET_SUFFIXES.map((s) => `${written(s)}\\b`)].join('|');
const MENTION = new RegExp(`${MENTION_SOURCE}|SecureString`, 'i');

/**
 * A cheap, conservative test: false only when no secret-like name (nor an SSM SecureString)
 * appears anywhere in the text, so a module without one can be skipped without parsing work.
 */
export function mentionsSecretName(text: string, extra: readonly string[] = []): boolean {
  return MENTION.test(text) || extra.some((e) => text.toLowerCase().includes(e.toLowerCase()));
}

/**
 * Where secret-like names occur in a text: every name isSecretName accepts (without `extra`)
 * contains one of these offsets.
 */
export function secretNameMentions(text: string): number[] {
  return [...text.matchAll(new RegExp(MENTION_SOURCE, 'gi'))].map((m) => m.index);
}

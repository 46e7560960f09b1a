// The registry: every transform, in the fixed order of DESIGN.md ("Transform order"), except
// required-tags, which runs before common-tags: the tags it adds are repeated by every resource,
// and common-tags folds them in the same run (after it, a second run would). Later transforms
// (env-sizing, rds-hardening) go at the end.
import type { Transform } from '../src/engine/transform.js';
import commonTags from './common-tags.js';
import dedupeProviders from './dedupe-providers.js';
import envSizing from './env-sizing.js';
import extractSecrets from './extract-secrets.js';
import foldSecurityRules from './fold-security-rules.js';
import mergeEnvironments from './merge-environments.js';
import rdsHardening from './rds-hardening.js';
import requiredTags from './required-tags.js';
import s3Backend from './s3-backend.js';

export const transforms: readonly Transform<unknown>[] = [
  dedupeProviders as Transform<unknown>,
  extractSecrets as Transform<unknown>,
  mergeEnvironments as Transform<unknown>,
  foldSecurityRules as Transform<unknown>,
  requiredTags as Transform<unknown>,
  commonTags as Transform<unknown>,
  s3Backend as Transform<unknown>,
  envSizing as Transform<unknown>,
  rdsHardening as Transform<unknown>,
];

// What tfcodemod knows about AWS tags: which resources take a `tags` map, keys and environment
// values that mean the same thing, and which keys a `tags` expression is known to hold.
import { attributeValue, functionCall, objectElements, stringValue, unwrap } from '../cst/nodes.js';
import type { Node } from '../cst/parser.js';
import { PRODUCTION_NAMES } from './environments.js';
import { exactTraversal } from './references.js';
import type { BlockRef, ModuleIndex } from './module-index.js';

/** Keys that mean the same thing (lower case). */
export const TAG_KEY_SYNONYMS: readonly (readonly string[])[] = [
  ['env', 'environment', 'stage'],
  ['owner', 'team'],
  ['costcenter', 'cost_center', 'cost-center'],
  ['project', 'application', 'app'],
  ['managedby', 'managed_by', 'managed-by'],
];

/** Values of one environment written several ways (lower case). */
export const ENV_VALUE_SYNONYMS: readonly (readonly string[])[] = [
  PRODUCTION_NAMES,
  ['stg', 'staging', 'stage'],
  ['dev', 'development'],
];

/** The synonyms of a key (itself included), lower case. */
export function keySynonyms(key: string): readonly string[] {
  const k = key.toLowerCase();
  return TAG_KEY_SYNONYMS.find((g) => g.includes(k)) ?? [k];
}

/**
 * AWS resource types that take a `tags` map, for resources that have none yet (a resource that
 * already has `tags` is taggable whatever its type). Types that tag through other means
 * (`aws_autoscaling_group`'s `tag` blocks) or not at all (rules, attachments, policies of a
 * bucket) are left out on purpose.
 */
const TAGGABLE_AWS_TYPES = new Set([
  'aws_acm_certificate', 'aws_cloudfront_distribution', 'aws_cloudwatch_log_group', 'aws_cloudwatch_metric_alarm',
  'aws_db_instance', 'aws_db_parameter_group', 'aws_db_subnet_group', 'aws_dynamodb_table', 'aws_ebs_volume',
  'aws_ecr_repository', 'aws_ecs_cluster', 'aws_ecs_service', 'aws_ecs_task_definition', 'aws_efs_file_system',
  'aws_eip', 'aws_eks_cluster', 'aws_eks_node_group', 'aws_elasticache_cluster', 'aws_elasticache_replication_group',
  'aws_iam_policy', 'aws_iam_role', 'aws_iam_user', 'aws_instance', 'aws_internet_gateway', 'aws_key_pair',
  'aws_kms_key', 'aws_lambda_function', 'aws_launch_template', 'aws_lb', 'aws_lb_listener', 'aws_lb_target_group',
  'aws_nat_gateway', 'aws_network_acl', 'aws_network_interface', 'aws_rds_cluster', 'aws_rds_cluster_instance',
  'aws_route53_zone', 'aws_route_table', 'aws_s3_bucket', 'aws_secretsmanager_secret', 'aws_security_group',
  'aws_sns_topic', 'aws_sqs_queue', 'aws_ssm_parameter', 'aws_subnet', 'aws_vpc', 'aws_vpc_endpoint',
  'aws_vpc_security_group_egress_rule', 'aws_vpc_security_group_ingress_rule',
]);

export function isTaggable(b: BlockRef, hasTags: boolean): boolean {
  return b.type === 'resource' && (hasTags || TAGGABLE_AWS_TYPES.has(b.labels[0] ?? ''));
}

/** The keys a tags expression holds; `complete` when no other key can be in it. */
export interface KnownKeys {
  keys: Set<string>;
  complete: boolean;
}

/**
 * Keys of a tags expression as far as the text shows them: an object literal's keys (complete
 * when every key is a plain name or string), `merge(...)` of known parts, and `local.x` whose
 * value is one of those. Anything else (a variable, a lookup) is unknown.
 */
export function knownTagKeys(expr: Node, text: string, index: ModuleIndex, seen: ReadonlySet<string> = new Set()): KnownKeys {
  const n = unwrap(expr);
  if (n.type === 'object') {
    const elements = objectElements(n, text);
    const plain = elements.every((e) => unwrap(e.keyNode).type === 'variable_expr' || stringValue(e.keyNode, text) !== null);
    return { keys: new Set(elements.map((e) => e.key)), complete: plain };
  }
  const call = functionCall(n);
  if (call?.name === 'merge') {
    const parts = call.args.map((a) => knownTagKeys(a, text, index, seen));
    return { keys: new Set(parts.flatMap((p) => [...p.keys])), complete: parts.length > 0 && parts.every((p) => p.complete) };
  }
  const t = exactTraversal(expr, text);
  const name = t?.root === 'local' && t.steps.length === 1 && typeof t.steps[0] === 'string' ? t.steps[0] : null;
  const local = name !== null && !seen.has(name) ? index.locals.get(name) : undefined;
  if (local) {
    const value = attributeValue(local.attr);
    if (value) return knownTagKeys(value, local.block.file.text, index, new Set([...seen, name!]));
  }
  return { keys: new Set(), complete: false };
}

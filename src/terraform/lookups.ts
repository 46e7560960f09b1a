// Data sources that read an existing AWS object by what its resource block names it: how a
// value of a resource that lives in another workspace (after a workspace split) is kept without
// copying a computed value into the configuration. Used by merge-environments to write the data
// source, and by verify to see that the data source stands for that resource.
//
// Only attributes whose meaning is the same on the data source and the resource are listed
// (not `id` of aws_db_instance, the resource ID there; its `arn` is `db_instance_arn` there).
// Each data source fails when its query matches no object or several: it never reads a
// different object silently.

export interface Lookup {
  /** The data source type (the AWS provider names them like the resource). */
  data: string;
  /** Resource argument -> data source argument that finds the object (all literal). */
  by: Record<string, string>;
  /** Resource attribute -> the data source attribute with the same meaning. */
  attributes: Record<string, string>;
}

const LOOKUPS: Readonly<Record<string, Lookup>> = {
  aws_cloudwatch_log_group: { data: 'aws_cloudwatch_log_group', by: { name: 'name' }, attributes: { arn: 'arn', name: 'name' } },
  aws_db_instance: { data: 'aws_db_instance', by: { identifier: 'db_instance_identifier' }, attributes: { address: 'address', arn: 'db_instance_arn', endpoint: 'endpoint', port: 'port' } },
  aws_db_subnet_group: { data: 'aws_db_subnet_group', by: { name: 'name' }, attributes: { arn: 'arn', id: 'id', name: 'name' } },
  aws_ecr_repository: { data: 'aws_ecr_repository', by: { name: 'name' }, attributes: { arn: 'arn', name: 'name', registry_id: 'registry_id', repository_url: 'repository_url' } },
  aws_iam_policy: { data: 'aws_iam_policy', by: { name: 'name' }, attributes: { arn: 'arn', name: 'name' } },
  aws_iam_role: { data: 'aws_iam_role', by: { name: 'name' }, attributes: { arn: 'arn', id: 'id', name: 'name', unique_id: 'unique_id' } },
  aws_lb: { data: 'aws_lb', by: { name: 'name' }, attributes: { arn: 'arn', arn_suffix: 'arn_suffix', dns_name: 'dns_name', name: 'name', zone_id: 'zone_id' } },
  aws_lb_target_group: { data: 'aws_lb_target_group', by: { name: 'name' }, attributes: { arn: 'arn', arn_suffix: 'arn_suffix', name: 'name' } },
  aws_s3_bucket: { data: 'aws_s3_bucket', by: { bucket: 'bucket' }, attributes: { arn: 'arn', bucket: 'bucket', bucket_domain_name: 'bucket_domain_name', bucket_regional_domain_name: 'bucket_regional_domain_name', id: 'id' } },
  aws_security_group: { data: 'aws_security_group', by: { name: 'name' }, attributes: { arn: 'arn', id: 'id', name: 'name' } },
  aws_sns_topic: { data: 'aws_sns_topic', by: { name: 'name' }, attributes: { arn: 'arn', id: 'id' } },
  aws_sqs_queue: { data: 'aws_sqs_queue', by: { name: 'name' }, attributes: { arn: 'arn', url: 'url' } },
};

/** How to read `attribute` of a resource of `type` through a data source, or null. */
export function lookupFor(type: string, attribute: string): Lookup | null {
  const l = LOOKUPS[type];
  return l && Object.hasOwn(l.attributes, attribute) ? l : null;
}

/** The resource type a data source of `type` reads, with its lookup (verify goes this way). */
export function lookupOfData(type: string): { resource: string; lookup: Lookup } | null {
  for (const [resource, lookup] of Object.entries(LOOKUPS)) if (lookup.data === type) return { resource, lookup };
  return null;
}

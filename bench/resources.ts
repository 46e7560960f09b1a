// Resource templates for the benchmark's generated modules: the kind of AWS code found in old
// Terraform trees (count and for_each, nested and dynamic blocks, heredocs, jsonencode, locals,
// comments). Each writes through a ModuleContext (module-context.ts), which hands out unique
// labels, declares the variables used, collects outputs, and in a legacy module decides which
// resources use the redundant `aws.primary` alias and which secrets are written inline.
import { str, strList, topBlock } from './hcl-writer.js';
import { ModuleContext, NAME, SUBNETS, VPC_ID, type SecretSite } from './module-context.js';

export type Template = (c: ModuleContext) => string;

const join = (...blocks: string[]): string => blocks.join('\n');

export const vpc: Template = (c) => {
  const label = c.label('aws_vpc', 'main');
  c.out('vpc_id', `aws_vpc.${label}.id`, 'ID of the VPC.');
  const subnets = c.label('aws_subnet', 'private');
  c.out('private_subnet_ids', `aws_subnet.${subnets}[*].id`, 'IDs of the private subnets.');
  const igw = c.label('aws_internet_gateway', 'this');
  const rt = c.label('aws_route_table', 'public');
  const vpcBlock = topBlock('resource', ['aws_vpc', label], (b) => {
    c.provider(b);
    b.attr('cidr_block', c.v('vpc_cidr', { type: 'string', description: 'CIDR block of the VPC.', default: str(`10.${c.rng.int(0, 250)}.0.0/16`) }));
    b.attr('enable_dns_hostnames', 'true');
    b.attr('enable_dns_support', 'true');
    c.tags(b, `${c.name}-vpc`);
  });
  const subnetBlock = topBlock('resource', ['aws_subnet', subnets], (b) => {
    c.provider(b);
    b.attr('count', `length(${c.v('azs', { type: 'list(string)', description: 'Availability zones.', default: strList(['us-east-1a', 'us-east-1b', 'us-east-1c']) })})`);
    b.attr('vpc_id', `aws_vpc.${label}.id`);
    b.attr('cidr_block', `cidrsubnet(aws_vpc.${label}.cidr_block, 8, count.index)`);
    b.attr('availability_zone', 'element(var.azs, count.index)');
    c.tags(b, `${c.name}-private-\${count.index}`);
  });
  const igwBlock = topBlock('resource', ['aws_internet_gateway', igw], (b) => {
    c.provider(b);
    b.attr('vpc_id', `aws_vpc.${label}.id`);
  });
  const rtBlock = topBlock('resource', ['aws_route_table', rt], (b) => {
    c.provider(b);
    b.attr('vpc_id', `aws_vpc.${label}.id`);
    b.blank();
    b.block('route', [], (r) => {
      r.attr('cidr_block', str('0.0.0.0/0'));
      r.attr('gateway_id', `aws_internet_gateway.${igw}.id`);
    });
    c.tags(b, `${c.name}-public`);
  });
  return join(vpcBlock, subnetBlock, igwBlock, rtBlock);
};

const PORTS: [number, string][] = [
  [22, 'SSH from the bastion'],
  [80, 'HTTP'],
  [443, 'HTTPS'],
  [5432, 'PostgreSQL'],
  [6379, 'Redis'],
  [8080, 'app'],
  [9090, 'metrics'],
  [3306, 'MySQL'],
];

export const securityGroup: Template = (c) => {
  const label = c.label('aws_security_group', c.rng.pick(['web', 'app', 'db', 'lb', 'worker', 'bastion']));
  c.out(`${label}_security_group_id`, `aws_security_group.${label}.id`, `ID of the ${label} security group.`);
  const dynamic = c.rng.chance(0.3);
  return topBlock('resource', ['aws_security_group', label], (b) => {
    c.provider(b);
    b.attr('name', str(`\${var.name}-${label.replace(/_/g, '-')}`));
    b.attr('description', str(`Traffic to the ${label} tier`));
    b.attr('vpc_id', c.v('vpc_id', VPC_ID));
    c.v('name', NAME);
    if (dynamic) {
      c.v('ingress_rules', {
        type: 'list(object({\n    port        = number\n    cidr_blocks = list(string)\n  }))',
        description: 'Ingress rules of the security group.',
        default: '[]',
      });
      b.blank();
      b.block('dynamic', ['ingress'], (d) => {
        d.attr('for_each', 'var.ingress_rules');
        d.blank();
        d.block('content', [], (ct) => {
          ct.attr('from_port', 'ingress.value.port');
          ct.attr('to_port', 'ingress.value.port');
          ct.attr('protocol', str('tcp'));
          ct.attr('cidr_blocks', 'ingress.value.cidr_blocks');
        });
      });
    } else {
      // Repeated literal rules are a legacy pattern (fold-security-rules); a clean module has one.
      for (const [port, what] of c.rng.sample(PORTS, c.legacy ? c.rng.int(1, 5) : 1)) {
        b.blank();
        b.block('ingress', [], (i) => {
          i.attr('description', str(what));
          i.attr('from_port', String(port));
          i.attr('to_port', String(port));
          i.attr('protocol', str('tcp'));
          i.attr('cidr_blocks', strList(c.rng.sample(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '10.20.0.0/16'], c.rng.int(1, 3))));
        });
      }
    }
    b.blank();
    b.block('egress', [], (e) => {
      e.attr('from_port', '0');
      e.attr('to_port', '0');
      e.attr('protocol', str('-1'));
      e.attr('cidr_blocks', strList(['0.0.0.0/0']));
    });
    c.tags(b, `${c.name}-${label}`);
  });
};

export const instance: Template = (c) => {
  const ami = c.label('aws_ami', 'ubuntu');
  const label = c.label('aws_instance', c.rng.pick(['web', 'app', 'worker', 'bastion', 'jobs']));
  c.out(`${label}_private_ip`, `aws_instance.${label}.private_ip`, `Private IP of the ${label} instance.`);
  const data = topBlock('data', ['aws_ami', ami], (b) => {
    c.provider(b);
    b.attr('most_recent', 'true');
    b.attr('owners', strList(['099720109477']));
    b.blank();
    b.block('filter', [], (f) => {
      f.attr('name', str('name'));
      f.attr('values', strList([`ubuntu/images/hvm-ssd/ubuntu-${c.rng.pick(['focal-20.04', 'jammy-22.04'])}-amd64-server-*`]));
    });
  });
  const res = topBlock('resource', ['aws_instance', label], (b) => {
    c.remark(b, 0.15);
    c.provider(b);
    b.attr('ami', `data.aws_ami.${ami}.id`);
    b.attr('instance_type', c.rng.chance(0.5) ? 'lookup(local.instance_types, var.environment, "t3.small")' : str(c.rng.pick(['t3.micro', 't3.large', 'm5.xlarge', 'c5.2xlarge'])), c.rng.chance(0.15) ? '# sized for the 2020 launch' : undefined);
    b.attr('subnet_id', 'element(var.private_subnet_ids, 0)');
    c.v('private_subnet_ids', SUBNETS);
    b.attr('monitoring', c.rng.chance(0.5) ? 'true' : 'var.environment == "prod"');
    b.heredoc('user_data', 'EOT', [
      '#!/bin/bash',
      'set -euo pipefail',
      `echo "ENVIRONMENT=\${var.environment}" >> /etc/environment`,
      `echo "SERVICE=${c.name}" >> /etc/environment`,
      ...(c.rng.chance(0.5) ? ['apt-get update -y', 'apt-get install -y nginx jq awscli'] : []),
      `systemctl enable --now ${c.rng.pick(['nginx', 'app', 'node-exporter'])}`,
    ]);
    b.blank();
    b.block('root_block_device', [], (r) => {
      r.attr('volume_size', String(c.rng.pick([8, 20, 50, 100])));
      r.attr('volume_type', str('gp3'));
      r.attr('encrypted', 'true');
    });
    b.blank();
    b.block('lifecycle', [], (l) => l.attr('ignore_changes', '[ami, user_data]'));
    c.tags(b, `${c.name}-${label}`);
  });
  return join(data, res);
};

export const database: Template = (c) => {
  const label = c.label('aws_db_instance', c.rng.pick(['main', 'postgres', 'primary', 'reporting']));
  const group = c.label('aws_db_subnet_group', label);
  const params = c.label('aws_db_parameter_group', label);
  const engine = c.rng.pick([
    ['postgres', '15.4', 'postgres15'],
    ['mysql', '8.0.35', 'mysql8.0'],
  ] as const);
  c.out(`${label}_endpoint`, `aws_db_instance.${label}.endpoint`, 'Connection endpoint of the database.');
  const secret = c.secrets.has('db');
  if (secret && c.rng.chance(0.6)) c.out(`${label}_password`, `aws_db_instance.${label}.password`, 'Used by the old deploy script.');
  const subnetGroup = topBlock('resource', ['aws_db_subnet_group', group], (b) => {
    c.provider(b);
    b.attr('name', str(`\${var.name}-${group.replace(/_/g, '-')}`));
    b.attr('subnet_ids', c.v('private_subnet_ids', SUBNETS));
  });
  const paramGroup = topBlock('resource', ['aws_db_parameter_group', params], (b) => {
    c.provider(b);
    b.attr('name', str(`\${var.name}-${params.replace(/_/g, '-')}`));
    b.attr('family', str(engine[2]));
    for (const [n, v] of c.rng.sample(
      engine[0] === 'postgres'
        ? [['log_min_duration_statement', '500'], ['rds.force_ssl', '1'], ['work_mem', '65536'], ['max_connections', '400']]
        : [['slow_query_log', '1'], ['long_query_time', '2'], ['max_connections', '500'], ['require_secure_transport', 'ON']],
      c.rng.int(1, 3),
    )) {
      b.blank();
      b.block('parameter', [], (p) => {
        p.attr('name', str(n!));
        p.attr('value', str(v!));
      });
    }
  });
  const db = topBlock('resource', ['aws_db_instance', label], (b) => {
    c.remark(b, 0.2);
    c.provider(b);
    b.attr('identifier', str(`\${var.name}-${label.replace(/_/g, '-')}`));
    b.attr('engine', str(engine[0]));
    b.attr('engine_version', str(engine[1]));
    b.attr('instance_class', c.rng.chance(0.5) ? 'var.db_instance_class' : str(c.rng.pick(['db.t3.medium', 'db.r5.large', 'db.m5.xlarge'])));
    c.v('db_instance_class', { type: 'string', description: 'Instance class of the database.', default: str('db.t3.medium') });
    b.attr('allocated_storage', String(c.rng.pick([20, 50, 100, 500])));
    b.attr('db_subnet_group_name', `aws_db_subnet_group.${group}.name`);
    b.attr('parameter_group_name', `aws_db_parameter_group.${params}.name`);
    b.attr('username', str(c.rng.pick(['app', 'admin', 'service'])));
    if (secret) b.attr('password', str(c.secretValue('Pw-', 14)), c.rng.chance(0.3) ? '# TODO: rotate' : undefined);
    else if (c.rng.chance(0.5)) b.attr('password', c.v(`${label}_db_password`, { type: 'string', description: 'Master password (from the secrets pipeline).', sensitive: true }));
    else b.attr('manage_master_user_password', 'true');
    b.attr('backup_retention_period', String(c.rng.pick([0, 1, 7, 14])));
    b.attr('skip_final_snapshot', 'var.environment != "prod"');
    b.attr('storage_encrypted', c.rng.chance(0.5) ? 'true' : 'false');
    c.tags(b, `${c.name}-${label}`);
  });
  return join(subnetGroup, paramGroup, db);
};

export const bucket: Template = (c) => {
  const label = c.label('aws_s3_bucket', c.rng.pick(['artifacts', 'logs', 'assets', 'backups', 'uploads', 'reports']));
  c.out(`${label}_bucket_arn`, `aws_s3_bucket.${label}.arn`, `ARN of the ${label} bucket.`);
  const blocks = [
    topBlock('resource', ['aws_s3_bucket', label], (b) => {
      c.provider(b);
      b.attr('bucket', str(`\${var.name}-${label}-\${data.aws_caller_identity.current.account_id}`));
      c.v('name', NAME);
      if (c.rng.chance(0.3)) b.attr('force_destroy', 'var.environment != "prod"');
      c.tags(b, `${c.name}-${label}`);
    }),
    topBlock('resource', ['aws_s3_bucket_versioning', label], (b) => {
      c.provider(b);
      b.attr('bucket', `aws_s3_bucket.${label}.id`);
      b.blank();
      b.block('versioning_configuration', [], (v) => v.attr('status', str('Enabled')));
    }),
    topBlock('resource', ['aws_s3_bucket_server_side_encryption_configuration', label], (b) => {
      c.provider(b);
      b.attr('bucket', `aws_s3_bucket.${label}.id`);
      b.blank();
      b.block('rule', [], (r) =>
        r.block('apply_server_side_encryption_by_default', [], (d) => {
          d.attr('sse_algorithm', str(c.rng.chance(0.5) ? 'aws:kms' : 'AES256'));
        }),
      );
    }),
  ];
  if (c.rng.chance(0.6)) {
    blocks.push(
      topBlock('resource', ['aws_s3_bucket_public_access_block', label], (b) => {
        c.provider(b);
        b.attr('bucket', `aws_s3_bucket.${label}.id`);
        b.attr('block_public_acls', 'true');
        b.attr('block_public_policy', 'true');
        b.attr('ignore_public_acls', 'true');
        b.attr('restrict_public_buckets', 'true');
      }),
    );
  }
  if (c.rng.chance(0.5)) {
    blocks.push(
      topBlock('resource', ['aws_s3_bucket_lifecycle_configuration', label], (b) => {
        c.provider(b);
        b.attr('bucket', `aws_s3_bucket.${label}.id`);
        b.blank();
        b.block('rule', [], (r) => {
          r.attr('id', str('expire-old'));
          r.attr('status', str('Enabled'));
          r.blank();
          r.block('filter', [], (f) => f.attr('prefix', str(`${label}/`)));
          r.blank();
          r.block('transition', [], (t) => {
            t.attr('days', String(c.rng.pick([30, 60, 90])));
            t.attr('storage_class', str('STANDARD_IA'));
          });
          r.blank();
          r.block('expiration', [], (e) => e.attr('days', String(c.rng.pick([180, 365, 730]))));
        });
      }),
    );
  }
  return join(...blocks);
};

export const iamRole: Template = (c) => {
  const label = c.label('aws_iam_role', c.rng.pick(['app', 'lambda', 'ci', 'task', 'reader']));
  const doc = c.label('aws_iam_policy_document', label);
  const service = c.rng.pick(['ec2.amazonaws.com', 'lambda.amazonaws.com', 'ecs-tasks.amazonaws.com']);
  c.out(`${label}_role_arn`, `aws_iam_role.${label}.arn`, `ARN of the ${label} role.`);
  const role = topBlock('resource', ['aws_iam_role', label], (b) => {
    c.provider(b);
    b.attr('name', str(`\${var.name}-${label}`));
    b.blank();
    b.object(
      'assume_role_policy',
      (j) => {
        j.attr('Version', str('2012-10-17'));
        j.objects('Statement', [
          (s) => {
            s.attr('Action', str('sts:AssumeRole'));
            s.attr('Effect', str('Allow'));
            s.object('Principal', (p) => p.attr('Service', str(service)));
          },
        ]);
      },
      'jsonencode({',
      '})',
    );
    c.tags(b, `${c.name}-${label}`);
  });
  const policyDoc = topBlock('data', ['aws_iam_policy_document', doc], (b) => {
    for (const [sid, actions] of c.rng.sample(
      [
        ['ReadBuckets', ['s3:GetObject', 's3:ListBucket']],
        ['WriteLogs', ['logs:CreateLogStream', 'logs:PutLogEvents']],
        ['UseQueue', ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage']],
        ['ReadParams', ['ssm:GetParameter', 'ssm:GetParametersByPath']],
      ] as const,
      c.rng.int(1, 3),
    )) {
      if (!b.isEmpty) b.blank();
      b.block('statement', [], (s) => {
        s.attr('sid', str(sid));
        s.attr('effect', str('Allow'));
        s.attr('actions', strList([...actions]));
        s.attr('resources', strList([`arn:aws:${actions[0].split(':')[0]}:*:*:${c.name}-*`]));
      });
    }
  });
  const policy = topBlock('resource', ['aws_iam_role_policy', label], (b) => {
    c.provider(b);
    b.attr('name', str(`${label}-inline`));
    b.attr('role', `aws_iam_role.${label}.id`);
    b.attr('policy', `data.aws_iam_policy_document.${doc}.json`);
  });
  const attach = topBlock('resource', ['aws_iam_role_policy_attachment', label], (b) => {
    c.provider(b);
    b.attr('for_each', `toset(${strList(c.rng.sample(['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy', 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore'], 2))})`);
    b.blank();
    b.attr('role', `aws_iam_role.${label}.name`);
    b.attr('policy_arn', 'each.value');
  });
  return join(role, policyDoc, policy, attach);
};

export const lambda: Template = (c) => {
  const label = c.label('aws_lambda_function', c.rng.pick(['handler', 'worker', 'cron', 'webhook', 'thumbnailer']));
  const logs = c.label('aws_cloudwatch_log_group', label);
  const secret = c.secrets.has('lambda');
  c.out(`${label}_function_arn`, `aws_lambda_function.${label}.arn`, `ARN of the ${label} function.`);
  const logGroup = topBlock('resource', ['aws_cloudwatch_log_group', logs], (b) => {
    c.provider(b);
    b.attr('name', str(`/aws/lambda/\${var.name}-${label}`));
    b.attr('retention_in_days', String(c.rng.pick([7, 14, 30, 90])));
  });
  const fn = topBlock('resource', ['aws_lambda_function', label], (b) => {
    c.remark(b, 0.2);
    c.provider(b);
    b.attr('function_name', str(`\${var.name}-${label}`));
    b.attr('role', c.v('lambda_role_arn', { type: 'string', description: 'Execution role of the functions.' }));
    b.attr('handler', str(c.rng.pick(['index.handler', 'main.handler', 'app.lambda_handler'])));
    b.attr('runtime', str(c.rng.pick(['nodejs18.x', 'python3.11', 'nodejs20.x'])));
    b.attr('filename', str(`\${path.module}/dist/${label}.zip`));
    b.attr('source_code_hash', `filebase64sha256("\${path.module}/dist/${label}.zip")`);
    b.attr('timeout', String(c.rng.pick([3, 10, 30, 60, 300])));
    b.attr('memory_size', String(c.rng.pick([128, 256, 512, 1024])));
    b.blank();
    b.block('environment', [], (e) =>
      e.object('variables', (v) => {
        v.attr('LOG_LEVEL', str(c.rng.pick(['info', 'debug', 'warn'])));
        v.attr('ENVIRONMENT', 'var.environment');
        v.attr('TABLE_NAME', str(`${c.name}-${label}`));
        if (secret) v.attr('API_TOKEN', str(c.secretValue('tok_', 24)));
        else if (c.rng.chance(0.4)) v.attr('API_TOKEN', c.v(`${label}_api_token`, { type: 'string', description: 'Token of the upstream API.', sensitive: true }));
      }),
    );
    if (c.rng.chance(0.5)) {
      b.blank();
      b.block('vpc_config', [], (v) => {
        v.attr('subnet_ids', c.v('private_subnet_ids', SUBNETS));
        v.attr('security_group_ids', c.v('security_group_ids', { type: 'list(string)', description: 'Security groups of the functions.', default: '[]' }));
      });
    }
    b.blank();
    b.attr('depends_on', `[aws_cloudwatch_log_group.${logs}]`);
    c.tags(b, `${c.name}-${label}`);
  });
  return join(logGroup, fn);
};

export const cache: Template = (c) => {
  const label = c.label('aws_elasticache_replication_group', c.rng.pick(['sessions', 'cache', 'queue']));
  const group = c.label('aws_elasticache_subnet_group', label);
  c.out(`${label}_primary_endpoint`, `aws_elasticache_replication_group.${label}.primary_endpoint_address`, 'Primary endpoint of the Redis group.');
  const secret = c.secrets.has('cache');
  const subnetGroup = topBlock('resource', ['aws_elasticache_subnet_group', group], (b) => {
    c.provider(b);
    b.attr('name', str(`\${var.name}-${group.replace(/_/g, '-')}`));
    b.attr('subnet_ids', c.v('private_subnet_ids', SUBNETS));
  });
  const rg = topBlock('resource', ['aws_elasticache_replication_group', label], (b) => {
    c.provider(b);
    b.attr('replication_group_id', str(`\${var.name}-${label}`));
    b.attr('description', str(`Redis for ${c.name}`));
    b.attr('node_type', str(c.rng.pick(['cache.t3.micro', 'cache.r6g.large', 'cache.m5.large'])));
    b.attr('num_cache_clusters', 'var.environment == "prod" ? 3 : 1');
    b.attr('engine_version', str('7.0'));
    b.attr('port', '6379');
    b.attr('subnet_group_name', `aws_elasticache_subnet_group.${group}.name`);
    b.attr('transit_encryption_enabled', 'true');
    if (secret) b.attr('auth_token', str(c.secretValue('', 32)));
    else if (c.rng.chance(0.5)) b.attr('auth_token', c.v(`${label}_auth_token`, { type: 'string', description: 'AUTH token of the Redis group.', sensitive: true }));
    b.attr('automatic_failover_enabled', 'var.environment == "prod"');
    c.tags(b, `${c.name}-${label}`);
  });
  return join(subnetGroup, rg);
};

export const parameters: Template = (c) => {
  const secret = c.secrets.has('ssm');
  const blocks: string[] = [];
  const label = c.label('aws_ssm_parameter', c.rng.pick(['config', 'settings', 'endpoints']));
  blocks.push(
    topBlock('resource', ['aws_ssm_parameter', label], (b) => {
      c.provider(b);
      b.attr('for_each', 'local.parameters');
      b.blank();
      b.attr('name', str(`/\${var.name}/\${each.key}`));
      b.attr('type', str('String'));
      b.attr('value', 'each.value');
    }),
  );
  const key = c.label('aws_ssm_parameter', c.rng.pick(['stripe_key', 'sendgrid_key', 'slack_webhook', 'signing_key']));
  blocks.push(
    topBlock('resource', ['aws_ssm_parameter', key], (b) => {
      c.remark(b, 0.3);
      c.provider(b);
      b.attr('name', str(`/\${var.name}/${key.replace(/_/g, '-')}`));
      b.attr('type', str('SecureString'));
      b.attr('value', secret ? str(c.secretValue('sk_live_', 24)) : c.v(key, { type: 'string', description: `Value of the ${key} parameter.`, sensitive: true }));
      if (c.rng.chance(0.5)) b.attr('key_id', c.v('kms_key_arn', { type: 'string', description: 'KMS key for SecureString parameters.', default: 'null' }));
    }),
  );
  return join(...blocks);
};

export const alarms: Template = (c) => {
  const label = c.label('aws_cloudwatch_metric_alarm', c.rng.pick(['cpu_high', 'errors', 'latency_p99', 'queue_depth', 'disk_full']));
  return topBlock('resource', ['aws_cloudwatch_metric_alarm', label], (b) => {
    c.provider(b);
    b.attr('alarm_name', str(`\${var.name}-${label.replace(/_/g, '-')}`));
    b.attr('comparison_operator', str('GreaterThanOrEqualToThreshold'));
    b.attr('evaluation_periods', String(c.rng.int(1, 5)));
    b.attr('metric_name', str(c.rng.pick(['CPUUtilization', 'Errors', 'Latency', 'ApproximateNumberOfMessagesVisible'])));
    b.attr('namespace', str(c.rng.pick(['AWS/EC2', 'AWS/Lambda', 'AWS/ApplicationELB', 'AWS/SQS'])));
    b.attr('period', String(c.rng.pick([60, 300])));
    b.attr('statistic', str('Average'));
    b.attr('threshold', String(c.rng.pick([80, 90, 1, 500, 1000])));
    b.attr('alarm_description', str(`${label.replace(/_/g, ' ')} on ${c.name}`));
    b.attr('alarm_actions', `[${c.v('alarm_topic_arn', { type: 'string', description: 'SNS topic for alarms.' })}]`);
    b.attr('treat_missing_data', str('notBreaching'));
    b.blank();
    b.object('dimensions', (d) => {
      d.attr('ServiceName', 'var.name');
      if (c.rng.chance(0.5)) d.attr('Environment', 'var.environment');
    });
  });
};

export const queue: Template = (c) => {
  const label = c.label('aws_sqs_queue', c.rng.pick(['jobs', 'events', 'emails', 'ingest']));
  const dlq = c.label('aws_sqs_queue', `${label}_dlq`);
  const topic = c.label('aws_sns_topic', label);
  c.out(`${label}_queue_url`, `aws_sqs_queue.${label}.url`, `URL of the ${label} queue.`);
  return join(
    topBlock('resource', ['aws_sqs_queue', dlq], (b) => {
      c.provider(b);
      b.attr('name', str(`\${var.name}-${label}-dlq`));
      b.attr('message_retention_seconds', '1209600');
    }),
    topBlock('resource', ['aws_sqs_queue', label], (b) => {
      c.provider(b);
      b.attr('name', str(`\${var.name}-${label}`));
      b.attr('visibility_timeout_seconds', String(c.rng.pick([30, 60, 300])));
      b.attr('message_retention_seconds', String(c.rng.pick([345600, 86400])));
      b.blank();
      b.object(
        'redrive_policy',
        (j) => {
          j.attr('deadLetterTargetArn', `aws_sqs_queue.${dlq}.arn`);
          j.attr('maxReceiveCount', String(c.rng.int(3, 10)));
        },
        'jsonencode({',
        '})',
      );
      c.tags(b, `${c.name}-${label}`);
    }),
    topBlock('resource', ['aws_sns_topic', topic], (b) => {
      c.provider(b);
      b.attr('name', str(`\${var.name}-${label}`));
    }),
    topBlock('resource', ['aws_sns_topic_subscription', topic], (b) => {
      c.provider(b);
      b.attr('topic_arn', `aws_sns_topic.${topic}.arn`);
      b.attr('protocol', str('sqs'));
      b.attr('endpoint', `aws_sqs_queue.${label}.arn`);
    }),
  );
};

export const dns: Template = (c) => {
  const label = c.label('aws_route53_record', c.rng.pick(['api', 'www', 'app', 'internal']));
  const cnames = c.label('aws_route53_record', `${label}_aliases`);
  const zone = c.v('zone_id', { type: 'string', description: 'Route 53 hosted zone.' });
  return join(
    topBlock('resource', ['aws_route53_record', label], (b) => {
      c.provider(b);
      b.attr('zone_id', zone);
      b.attr('name', str(`${label}.\${var.domain}`));
      c.v('domain', { type: 'string', description: 'Public domain name.', default: str('example.com') });
      b.attr('type', str('A'));
      b.blank();
      b.block('alias', [], (a) => {
        a.attr('name', c.v('lb_dns_name', { type: 'string', description: 'DNS name of the load balancer.' }));
        a.attr('zone_id', c.v('lb_zone_id', { type: 'string', description: 'Zone of the load balancer.' }));
        a.attr('evaluate_target_health', 'true');
      });
    }),
    topBlock('resource', ['aws_route53_record', cnames], (b) => {
      c.provider(b);
      b.attr('for_each', `{ for name, target in var.cnames : name => target if target != "" }`);
      c.v('cnames', { type: 'map(string)', description: 'Extra CNAME records (name => target).', default: '{}' });
      b.blank();
      b.attr('zone_id', zone);
      b.attr('name', 'each.key');
      b.attr('type', str('CNAME'));
      b.attr('ttl', '300');
      b.attr('records', '[each.value]');
    }),
  );
};

export const containers: Template = (c) => {
  const label = c.label('aws_ecs_task_definition', c.rng.pick(['api', 'worker', 'scheduler']));
  c.out(`${label}_task_definition_arn`, `aws_ecs_task_definition.${label}.arn`, `ARN of the ${label} task definition.`);
  const port = c.rng.pick([3000, 8080, 9000]);
  return topBlock('resource', ['aws_ecs_task_definition', label], (b) => {
    c.provider(b);
    b.attr('family', str(`\${var.name}-${label}`));
    b.attr('requires_compatibilities', strList(['FARGATE']));
    b.attr('network_mode', str('awsvpc'));
    b.attr('cpu', String(c.rng.pick([256, 512, 1024])));
    b.attr('memory', String(c.rng.pick([512, 1024, 2048])));
    b.attr('execution_role_arn', c.v('execution_role_arn', { type: 'string', description: 'ECS task execution role.' }));
    b.heredoc('container_definitions', 'EOF', [
      '[',
      '  {',
      `    "name": "${label}",`,
      `    "image": "\${var.image_repository}:\${var.image_tag}",`,
      '    "essential": true,',
      `    "portMappings": [{ "containerPort": ${port}, "protocol": "tcp" }],`,
      '    "environment": [',
      '      { "name": "ENVIRONMENT", "value": "${var.environment}" },',
      `      { "name": "PORT", "value": "${port}" }`,
      '    ],',
      '    "logConfiguration": {',
      '      "logDriver": "awslogs",',
      '      "options": {',
      `        "awslogs-group": "/ecs/\${var.name}-${label}",`,
      '        "awslogs-region": "us-east-1",',
      '        "awslogs-stream-prefix": "ecs"',
      '      }',
      '    }',
      '  }',
      ']',
    ]);
    c.v('image_repository', { type: 'string', description: 'ECR repository of the image.' });
    c.v('image_tag', { type: 'string', description: 'Image tag to deploy.', default: str('latest') });
  });
};

export const autoscaling: Template = (c) => {
  const label = c.label('aws_autoscaling_group', c.rng.pick(['workers', 'web', 'batch']));
  const lt = c.label('aws_launch_template', label);
  return join(
    topBlock('resource', ['aws_launch_template', lt], (b) => {
      c.provider(b);
      b.attr('name_prefix', str(`\${var.name}-${label}-`));
      b.attr('image_id', c.v('ami_id', { type: 'string', description: 'AMI of the instances.' }));
      b.attr('instance_type', str(c.rng.pick(['t3.medium', 'm5.large', 'c5.xlarge'])));
      b.blank();
      b.block('block_device_mappings', [], (m) => {
        m.attr('device_name', str('/dev/xvda'));
        m.blank();
        m.block('ebs', [], (e) => {
          e.attr('volume_size', String(c.rng.pick([30, 50, 100])));
          e.attr('encrypted', 'true');
        });
      });
      b.blank();
      b.block('metadata_options', [], (m) => {
        m.attr('http_tokens', str('required'));
        m.attr('http_endpoint', str('enabled'));
      });
    }),
    topBlock('resource', ['aws_autoscaling_group', label], (b) => {
      c.provider(b);
      b.attr('name', str(`\${var.name}-${label}`));
      b.attr('min_size', String(c.rng.int(1, 2)));
      b.attr('max_size', String(c.rng.int(3, 10)));
      b.attr('desired_capacity', 'var.environment == "prod" ? 3 : 1');
      b.attr('vpc_zone_identifier', c.v('private_subnet_ids', SUBNETS));
      b.blank();
      b.block('launch_template', [], (l) => {
        l.attr('id', `aws_launch_template.${lt}.id`);
        l.attr('version', str('$Latest'));
      });
      b.blank();
      b.block('dynamic', ['tag'], (d) => {
        d.attr('for_each', 'local.common_tags');
        d.blank();
        d.block('content', [], (t) => {
          t.attr('key', 'tag.key');
          t.attr('value', 'tag.value');
          t.attr('propagate_at_launch', 'true');
        });
      });
    }),
  );
};

/** Templates by file topic; the first of each list comes first in the file. */
export const TOPICS: Record<string, Template[]> = {
  network: [vpc, securityGroup, dns],
  database: [database, securityGroup, parameters, alarms],
  compute: [instance, securityGroup, autoscaling, alarms],
  storage: [bucket, iamRole, parameters],
  serverless: [lambda, iamRole, queue, alarms],
  cache: [cache, securityGroup, alarms],
  messaging: [queue, iamRole, alarms],
  containers: [containers, iamRole, securityGroup, alarms],
  monitoring: [alarms, queue, dns],
  iam: [iamRole, parameters],
};

/** The template that writes a given secret site. */
export const SECRET_TEMPLATES: Record<SecretSite, Template | null> = {
  db: database,
  cache,
  lambda,
  ssm: parameters,
  default: null,
};

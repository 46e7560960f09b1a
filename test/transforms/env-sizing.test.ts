import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { EC2_HOURLY, HOURS_PER_MONTH, RDS_HOURLY } from '../../src/terraform/aws-prices.js';
import { transforms } from '../../transforms/index.js';
import { appliedEffects, assertCodemod, findingMessages, runTransforms } from '../helpers.js';

const POLICY = {
  dev: { maxInstanceType: 't3.small', maxDbInstanceClass: 'db.t3.micro', maxStorageGb: 20 },
  staging: { maxDbInstanceClass: 'db.t3.small' },
};
const sizing = (policy: unknown = POLICY, extra: Record<string, unknown> = {}) => ({ transforms: ['env-sizing'], options: { 'env-sizing': { policy, ...extra } } });

const money = (usd: number): string => `$${usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const monthly = (hourly: number): number => hourly * HOURS_PER_MONTH;

/** A module merge-environments split by workspace: the guard output lists the environments. */
const GUARD = `output "workspace" {
  value = terraform.workspace

  precondition {
    condition     = contains(["dev", "staging", "prod"], terraform.workspace)
    error_message = "Select dev, staging or prod."
  }
}
`;

describe('env-sizing', () => {
  it('edits the entries of a per-environment map (workspace strategy), with an outage effect per workspace and the cost per environment', async () => {
    const run = await assertCodemod(
      {
        'rds.tf': `resource "aws_db_instance" "postgres" {
  identifier        = "\${terraform.workspace}-postgres"
  engine            = "postgres"
  instance_class    = local.postgres_instance_class[terraform.workspace]
  allocated_storage = 20
}
`,
        'environments.tf': `locals {
  postgres_instance_class = {
    dev     = "db.r5.large" # copied from prod
    staging = "db.t3.micro"
    prod    = "db.r5.2xlarge"
  }
}

${GUARD}`,
      },
      {
        'environments.tf': `locals {
  postgres_instance_class = {
    dev     = "db.t3.micro" # copied from prod
    staging = "db.t3.micro"
    prod    = "db.r5.2xlarge"
  }
}

${GUARD}`,
      },
      sizing(),
    );
    // staging is already below its cap: never raised; prod has no policy.
    expect(appliedEffects(run)).toEqual(['dev aws_db_instance.postgres instance_class update-with-outage']);
    const before = monthly(RDS_HOURLY.postgres['db.r5.large']!.usd);
    const after = monthly(RDS_HOURLY.postgres['db.t3.micro']!.usd);
    expect(findingMessages(run, 'info')).toContainEqual(expect.stringContaining(`cost dev aws_db_instance.postgres: db.r5.large ${money(before)} → db.t3.micro ${money(after)} a month, saves ${money(before - after)} a month (${money(12 * (before - after))} a year)`));
    expect(findingMessages(run, 'info')).toContainEqual(expect.stringContaining(`env-sizing total: ${money(before)} → ${money(after)} a month`));
    expect(run.records[0]!.change.kind).toBe('behaviour');
    expect(run.records[0]!.change.title).toContain('outage');
  });

  it('turns a literal shared by every workspace into a per-environment map the way merge-environments writes them', async () => {
    const run = await assertCodemod(
      {
        'compute.tf': `resource "aws_instance" "web" {
  ami           = "ami-0abc"
  instance_type = "m5.large"

  tags = {
    Name = "\${terraform.workspace}-web"
  }
}
`,
        'environments.tf': GUARD,
      },
      {
        'compute.tf': `resource "aws_instance" "web" {
  ami           = "ami-0abc"
  instance_type = local.web_instance_type[terraform.workspace]

  tags = {
    Name = "\${terraform.workspace}-web"
  }
}
`,
        'environments.tf': `${GUARD}
locals {
  web_instance_type = {
    dev     = "t3.small"
    staging = "m5.large"
    prod    = "m5.large"
  }
}
`,
      },
      sizing(),
    );
    expect(appliedEffects(run)).toEqual(['dev aws_instance.web instance_type update-with-outage']);
  });

  it('with the for_each strategy: the instance of the environment in workspace default, the map read with each.key', async () => {
    const run = await assertCodemod(
      {
        'compute.tf': `resource "aws_instance" "web" {
  for_each = toset(["dev", "prod"])

  ami           = "ami-0abc"
  instance_type = "m5.large"
}
`,
      },
      {
        'compute.tf': `resource "aws_instance" "web" {
  for_each = toset(["dev", "prod"])

  ami           = "ami-0abc"
  instance_type = local.web_instance_type[each.key]
}
`,
        'environments.tf': `locals {
  web_instance_type = {
    dev  = "t3.small"
    prod = "m5.large"
  }
}
`,
      },
      sizing(),
    );
    expect(appliedEffects(run)).toEqual(['default aws_instance.web["dev"] instance_type update-with-outage']);
  });

  it('edits an unmerged per-environment copy in place and leaves the other environments alone', async () => {
    const run = await assertCodemod(
      {
        'rds.tf': `resource "aws_db_instance" "dev_db" {
  engine         = "mysql"
  instance_class = "db.m5.large"
  multi_az       = true
}

resource "aws_db_instance" "prod_db" {
  engine         = "mysql"
  instance_class = "db.m5.large"
}
`,
      },
      {
        'rds.tf': `resource "aws_db_instance" "dev_db" {
  engine         = "mysql"
  instance_class = "db.t3.micro"
  multi_az       = true
}

resource "aws_db_instance" "prod_db" {
  engine         = "mysql"
  instance_class = "db.m5.large"
}
`,
      },
      sizing(),
    );
    expect(appliedEffects(run)).toEqual(['default aws_db_instance.dev_db instance_class update-with-outage']);
    // MySQL prices, and Multi-AZ pays for two instances.
    const before = 2 * monthly(RDS_HOURLY.mysql['db.m5.large']!.usd);
    const after = 2 * monthly(RDS_HOURLY.mysql['db.t3.micro']!.usd);
    expect(findingMessages(run, 'info')).toContainEqual(expect.stringContaining(`db.m5.large ${money(before)} → db.t3.micro ${money(after)} a month`));
  });

  it('an absent size cannot be held against the cap: a finding, nothing proposed', async () => {
    const run = await runTransforms(
      {
        'compute.tf': `resource "aws_instance" "dev_web" {
  ami = "ami-0abc"
}
`,
      },
      sizing(),
    );
    expect([...run.outputs.keys()]).toEqual([]);
    expect(findingMessages(run, 'warning')).toEqual([expect.stringContaining('dev aws_instance.dev_web: instance_type is not a value known before apply here')]);
  });

  it('never raises a size, and never shrinks storage: storage above the cap is a finding with what it costs', async () => {
    const run = await runTransforms(
      {
        'rds.tf': `resource "aws_db_instance" "dev_db" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 100
}

resource "aws_instance" "dev_web" {
  ami           = "ami-0abc"
  instance_type = "t3.micro"
}
`,
      },
      sizing(),
    );
    expect([...run.outputs.keys()]).toEqual([]);
    const w = findingMessages(run, 'warning');
    expect(w).toHaveLength(1);
    expect(w[0]).toContain('dev aws_db_instance.dev_db: allocated_storage 100 GB is above the dev cap of 20 GB, but RDS cannot shrink allocated storage in place');
    expect(w[0]).toContain('the 80 GB above the cap cost about $9.20 a month');
  });

  it('refuses, with the reason, a map other arguments share, an expression, a lifecycle ignore_changes and another CPU architecture', async () => {
    const run = await runTransforms(
      {
        'main.tf': `resource "aws_db_instance" "postgres" {
  engine         = "postgres"
  instance_class = local.db_class[terraform.workspace]
}

resource "aws_db_instance" "replica" {
  engine         = "postgres"
  instance_class = local.db_class[terraform.workspace]
}

resource "aws_instance" "web" {
  ami           = "ami-0abc"
  instance_type = var.web_type
}

resource "aws_instance" "worker" {
  ami           = "ami-0abc"
  instance_type = "m5.large"

  lifecycle {
    ignore_changes = [instance_type]
  }
}

resource "aws_instance" "arm" {
  ami           = "ami-0arm"
  instance_type = "m7g.large"
}

variable "web_type" {
  type    = string
  default = "m5.large"
}

locals {
  db_class = {
    dev     = "db.r5.large"
    staging = "db.r5.large"
    prod    = "db.r5.large"
  }
}
`,
        'environments.tf': GUARD,
      },
      sizing(),
    );
    expect([...run.outputs.keys()]).toEqual([]);
    const w = findingMessages(run, 'warning');
    expect(w).toContainEqual('aws_db_instance.postgres: instance_class is left as it is: local.db_class is also used elsewhere: changing it would change more than instance_class');
    expect(w).toContainEqual('aws_instance.web: instance_type is left as it is: instance_type is the expression `var.web_type`, which tfcodemod cannot edit faithfully');
    expect(w).toContainEqual('aws_instance.worker: instance_type is left as it is: its lifecycle ignore_changes lists instance_type: Terraform would not apply a change to it');
    expect(w).toContainEqual(expect.stringContaining('dev aws_instance.arm: m7g.large and the dev cap t3.small are built for different CPU architectures'));
    expect(EC2_HOURLY['m7g.large']!.usd).toBeGreaterThan(EC2_HOURLY['t3.small']!.usd);
  });

  it('needs a policy, and only caps it can compare', async () => {
    const t = transforms.find((x) => x.id === 'env-sizing')!;
    expect(t.optIn).toBe(true);
    expect(t.checkOptions!({ policy: undefined })).toMatch(/env-sizing needs a sizing policy: "envSizing"/);
    expect(t.checkOptions!({ policy: { dev: { maxInstanceType: 'x9.huge' } } })).toMatch(/^envSizing.policy.dev.maxInstanceType: x9.huge is not in the offline price table/);
    expect(t.checkOptions!(sizing().options['env-sizing'])).toBeNull();
  });

  it('validates the policy in the config file with the path of each wrong key', () => {
    expect(() => parseConfig('.tfcodemod.json', JSON.stringify({ envSizing: { policy: { dev: { maxStorageGb: '20', maxRam: 4 }, prod: 'big' } } }), transforms)).toThrow(
      [
        '.tfcodemod.json: envSizing.policy.dev.maxStorageGb: expected a number, got string',
        '.tfcodemod.json: envSizing.policy.dev.maxRam: unknown key (known keys: maxInstanceType, maxDbInstanceClass, maxStorageGb)',
        '.tfcodemod.json: envSizing.policy.prod: expected an object (with maxInstanceType, maxDbInstanceClass, maxStorageGb), got string',
      ].join('\n'),
    );
    const ok = parseConfig('.tfcodemod.json', JSON.stringify({ envSizing: { policy: POLICY } }), transforms);
    expect(ok.values.get('envSizing.policy')).toEqual(POLICY);
  });
});

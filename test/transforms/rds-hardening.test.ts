import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import type { ModuleRun } from '../../src/engine/runner.js';
import { transforms } from '../../transforms/index.js';
import { retentionFor } from '../../transforms/rds-hardening.js';
import { appliedEffects, assertCodemod, findingMessages, runTransforms } from '../helpers.js';

const only = (options: Record<string, unknown> = {}) => ({ transforms: ['rds-hardening'], options: { 'rds-hardening': options } });

const titles = (run: ModuleRun): string[] => run.records.map((r) => r.change.title);

const GUARD = `output "workspace" {
  value = terraform.workspace

  precondition {
    condition     = contains(["dev", "prod"], terraform.workspace)
    error_message = "Select dev or prod."
  }
}
`;

describe('rds-hardening', () => {
  it('hardens unmerged per-environment copies: prod gets Multi-AZ, deletion protection and a final snapshot; retention per environment', async () => {
    const run = await assertCodemod(
      {
        'rds.tf': `resource "aws_db_instance" "dev_db" {
  identifier        = "dev-db"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  storage_encrypted = true
}

# The production database.
resource "aws_db_instance" "prod_db" {
  identifier              = "prod-db"
  engine                  = "postgres"
  instance_class          = "db.m5.large"
  storage_encrypted       = true
  backup_retention_period = 0
  skip_final_snapshot     = true
}
`,
      },
      {
        'rds.tf': `resource "aws_db_instance" "dev_db" {
  identifier        = "dev-db"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  storage_encrypted = true

  backup_retention_period = 1
}

# The production database.
resource "aws_db_instance" "prod_db" {
  identifier              = "prod-db"
  engine                  = "postgres"
  instance_class          = "db.m5.large"
  storage_encrypted       = true
  backup_retention_period = 30
  skip_final_snapshot     = false
  multi_az                = true
  deletion_protection     = true

  final_snapshot_identifier = "prod-db-final"
}
`,
      },
      only(),
    );
    expect(appliedEffects(run).sort()).toEqual(
      [
        'default aws_db_instance.dev_db backup_retention_period update-in-place',
        'default aws_db_instance.prod_db backup_retention_period update-with-outage',
        'default aws_db_instance.prod_db multi_az update-in-place',
        'default aws_db_instance.prod_db deletion_protection update-in-place',
        'default aws_db_instance.prod_db skip_final_snapshot update-in-place',
        'default aws_db_instance.prod_db final_snapshot_identifier update-in-place',
      ].sort(),
    );
    expect(titles(run)).toContainEqual('Keep automated backups of aws_db_instance.prod_db for 30 days in prod (outage in prod: turning backups on restarts the instance)');
    expect(titles(run)).toContainEqual('Turn on Multi-AZ for prod aws_db_instance.prod_db (in place, no outage)');
    expect(run.records.every((r) => r.change.kind === 'behaviour')).toBe(true);
    expect(findingMessages(run, 'warning')).toEqual([]);
  });

  it('never lowers a retention already higher, and takes the configured days over the defaults', async () => {
    const run = await runTransforms(
      {
        'rds.tf': `resource "aws_db_instance" "prod_db" {
  engine                    = "postgres"
  instance_class            = "db.m5.large"
  multi_az                  = true
  storage_encrypted         = true
  deletion_protection       = true
  backup_retention_period   = 35
  final_snapshot_identifier = "prod-db-final"
}

resource "aws_db_instance" "staging_db" {
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  storage_encrypted       = true
  backup_retention_period = 3
}
`,
      },
      only({ backupRetention: { staging: 14 } }),
    );
    expect(appliedEffects(run)).toEqual(['default aws_db_instance.staging_db backup_retention_period update-in-place']);
    expect(run.outputs.get('rds.tf')!.after).toContain('backup_retention_period = 14');
    expect(run.outputs.get('rds.tf')!.after).toContain('backup_retention_period   = 35');
    expect(findingMessages(run, 'info')).toContainEqual('prod aws_db_instance.prod_db: backup_retention_period 35 is above the 30 days of the policy: kept (never lowered)');
    expect(retentionFor('production', {})).toBe(30);
    expect(retentionFor('uat', {})).toBe(7);
    expect(retentionFor('qa', {})).toBe(1);
  });

  it('edits per-environment map entries of a merged module (workspace strategy), and adds a map for what only prod changes', async () => {
    const run = await assertCodemod(
      {
        'rds.tf': `resource "aws_db_instance" "db" {
  identifier              = "\${terraform.workspace}-db"
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  storage_encrypted       = true
  deletion_protection     = true
  skip_final_snapshot     = false
  backup_retention_period = local.db_backup_retention_period[terraform.workspace]
  multi_az                = false
}
`,
        'environments.tf': `locals {
  db_backup_retention_period = {
    dev  = 0
    prod = 7
  }
}

${GUARD}`,
      },
      {
        'rds.tf': `resource "aws_db_instance" "db" {
  identifier              = "\${terraform.workspace}-db"
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  storage_encrypted       = true
  deletion_protection     = true
  skip_final_snapshot     = false
  backup_retention_period = local.db_backup_retention_period[terraform.workspace]
  multi_az                = local.db_multi_az[terraform.workspace]

  final_snapshot_identifier = local.db_final_snapshot_identifier[terraform.workspace]
}
`,
        'environments.tf': `locals {
  db_backup_retention_period = {
    dev  = 1
    prod = 30
  }
}

${GUARD}
locals {
  db_multi_az = {
    dev  = false
    prod = true
  }
}

locals {
  db_final_snapshot_identifier = {
    dev  = null
    prod = "prod-db-final"
  }
}
`,
      },
      only(),
    );
    expect(appliedEffects(run).sort()).toEqual(
      [
        'dev aws_db_instance.db backup_retention_period update-with-outage',
        'prod aws_db_instance.db backup_retention_period update-in-place',
        'prod aws_db_instance.db multi_az update-in-place',
        'prod aws_db_instance.db final_snapshot_identifier update-in-place',
      ].sort(),
    );
    expect(titles(run)).toContainEqual('Keep automated backups of aws_db_instance.db for 1 day in dev and 30 days in prod (outage in dev: turning backups on restarts the instance; in place elsewhere)');
  });

  it('with the for_each strategy: effects on the prod instance in workspace default', async () => {
    const run = await runTransforms(
      {
        'rds.tf': `resource "aws_db_instance" "db" {
  for_each = toset(["dev", "prod"])

  identifier              = "\${each.key}-db"
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  storage_encrypted       = true
  backup_retention_period = 30
  deletion_protection     = true
  skip_final_snapshot     = true
}
`,
      },
      only(),
    );
    expect(appliedEffects(run).sort()).toEqual(
      [
        'default aws_db_instance.db["prod"] multi_az update-in-place',
        'default aws_db_instance.db["prod"] skip_final_snapshot update-in-place',
        'default aws_db_instance.db["prod"] final_snapshot_identifier update-in-place',
      ].sort(),
    );
    const after = run.outputs.get('environments.tf')!.after;
    expect(after).toContain('  db_skip_final_snapshot = {\n    dev  = true\n    prod = false\n  }');
    expect(run.outputs.get('rds.tf')!.after).toContain('skip_final_snapshot     = local.db_skip_final_snapshot[each.key]');
  });

  it('flags unencrypted storage as forcing replacement and never edits it; a production Aurora cluster with one instance is a finding', async () => {
    const run = await runTransforms(
      {
        'aurora.tf': `resource "aws_rds_cluster" "prod_orders" {
  cluster_identifier      = "prod-orders"
  engine                  = "aurora-postgresql"
  backup_retention_period = 30
  deletion_protection     = true
  skip_final_snapshot     = true
}

resource "aws_rds_cluster_instance" "prod_orders_1" {
  cluster_identifier = aws_rds_cluster.prod_orders.id
  instance_class     = "db.r5.large"
  engine             = "aurora-postgresql"
}
`,
      },
      only(),
    );
    const w = findingMessages(run, 'warning');
    expect(w).toContainEqual(expect.stringMatching(/^aws_rds_cluster\.prod_orders: storage is not encrypted in prod; setting storage_encrypted = true forces replacement/));
    expect(w).toContainEqual(expect.stringMatching(/^prod aws_rds_cluster\.prod_orders has a single instance \(aws_rds_cluster_instance\.prod_orders_1\)/));
    expect(appliedEffects(run).some((e) => e.includes('storage_encrypted'))).toBe(false);
    expect(appliedEffects(run).some((e) => e.includes('multi_az'))).toBe(false);
    expect(appliedEffects(run).sort()).toEqual(['default aws_rds_cluster.prod_orders final_snapshot_identifier update-in-place', 'default aws_rds_cluster.prod_orders skip_final_snapshot update-in-place']);
    expect(run.outputs.get('aurora.tf')!.after).toContain('final_snapshot_identifier = "prod-orders-final"');

    const two = await runTransforms(
      {
        'aurora.tf': `resource "aws_rds_cluster" "prod_orders" {
  cluster_identifier = "prod-orders"
  engine             = "aurora-postgresql"
  storage_encrypted  = true
}

resource "aws_rds_cluster_instance" "prod_orders" {
  count              = 2
  cluster_identifier = aws_rds_cluster.prod_orders.id
  instance_class     = "db.r5.large"
  engine             = "aurora-postgresql"
}
`,
      },
      only(),
    );
    expect(findingMessages(two, 'warning')).toEqual([]);
  });

  it('does not give several instances of one environment the same final snapshot name', async () => {
    const run = await runTransforms(
      {
        'rds.tf': `resource "aws_db_instance" "prod_shard" {
  count = 2

  identifier              = "prod-shard-\${count.index}"
  engine                  = "postgres"
  instance_class          = "db.m5.large"
  storage_encrypted       = true
  multi_az                = true
  deletion_protection     = true
  backup_retention_period = 30
}
`,
      },
      only(),
    );
    expect(appliedEffects(run)).toEqual([]);
    expect(findingMessages(run, 'warning')).toEqual(['aws_db_instance.prod_shard: prod has several instances, which cannot share one final_snapshot_identifier: name each one\'s final snapshot yourself']);
  });

  it('refuses, with the reason, what it cannot edit faithfully', async () => {
    const run = await runTransforms(
      {
        'rds.tf': `resource "aws_db_instance" "prod_db" {
  engine                    = "postgres"
  instance_class            = "db.m5.large"
  storage_encrypted         = true
  multi_az                  = var.ha
  deletion_protection       = true
  backup_retention_period   = 30
  final_snapshot_identifier = "prod-db-final"
}

variable "ha" {
  type    = bool
  default = false
}
`,
      },
      only(),
    );
    expect([...run.outputs.keys()]).toEqual([]);
    expect(findingMessages(run, 'warning')).toEqual(['aws_db_instance.prod_db: turn on Multi-AZ for prod aws_db_instance.prod_db (in place, no outage) is not proposed: multi_az is the expression `var.ha`, which tfcodemod cannot edit faithfully']);
  });

  it('reads backupRetention from the config file, numbers only', () => {
    expect(() => parseConfig('.tfcodemod.json', JSON.stringify({ rdsHardening: { backupRetention: { prod: '30' } } }), transforms)).toThrow('.tfcodemod.json: rdsHardening.backupRetention.prod: expected a number, got string');
    expect(parseConfig('c.json', JSON.stringify({ rdsHardening: { backupRetention: { prod: 35 } } }), transforms).values.get('rdsHardening.backupRetention')).toEqual({ prod: 35 });
    const t = transforms.find((x) => x.id === 'rds-hardening')!;
    expect(t.optIn).toBe(true);
    expect(t.checkOptions!({ backupRetention: { prod: 90 } })).toBe('rdsHardening.backupRetention.prod: expected a whole number of days from 1 to 35 (RDS\'s range), got 90');
    expect(t.checkOptions!({ backupRetention: { prod: 35, dev: 1 } })).toBeNull();
  });
});

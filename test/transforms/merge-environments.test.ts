import { describe, expect, it } from 'vitest';
import type { ModuleRun } from '../../src/engine/runner.js';
import { verifyModule } from '../../src/render/verify.js';
import { assertCodemod, filesAfter, runTransforms } from '../helpers.js';

const only = (options: Record<string, unknown> = {}) => ({ transforms: ['merge-environments'], options: { 'merge-environments': options } });

/** `workspace address -> workspace address` for every move of the run. */
function moves(run: ModuleRun): string[] {
  return run.records.flatMap((r) => r.change.moves.map((m) => `${m.from.workspace} ${m.from.address} -> ${m.to.workspace} ${m.to.address}`));
}

const warnings = (run: ModuleRun): string[] => run.records.flatMap((r) => r.change.findings).concat(run.findings).filter((f) => f.severity === 'warning').map((f) => f.message);

/** The guard output the workspace strategy adds to environments.tf (dev and prod). */
const GUARD = `output "workspace" {
  description = "The workspace (environment) this state belongs to."
  value       = terraform.workspace

  precondition {
    condition     = contains(["dev", "prod"], terraform.workspace)
    error_message = "This configuration is split by workspace: select one of dev, prod (terraform workspace select dev). Workspace default holds nothing since the migration."
  }
}
`;

const network = {
  'main.tf': `resource "aws_vpc" "dev_vpc" {
  cidr_block = "10.10.0.0/16"

  tags = {
    Name = "dev-vpc"
  }
}

resource "aws_vpc" "prod_vpc" {
  cidr_block = "10.30.0.0/16"

  tags = {
    Name = "prod-vpc"
  }
}

resource "aws_subnet" "dev_a" {
  vpc_id     = aws_vpc.dev_vpc.id
  cidr_block = "10.10.1.0/24"
}

resource "aws_subnet" "prod_a" {
  vpc_id     = aws_vpc.prod_vpc.id
  cidr_block = "10.30.1.0/24"
}
`,
  'outputs.tf': `output "prod_vpc_id" {
  value = aws_vpc.prod_vpc.id
}
`,
};

describe('merge-environments, workspace strategy', () => {
  it('merges copies into one block keyed by terraform.workspace, with per-environment locals and moves into each workspace', async () => {
    const run = await assertCodemod(
      network,
      {
        'main.tf': `resource "aws_vpc" "vpc" {
  cidr_block = local.vpc_cidr_block[terraform.workspace]

  tags = {
    Name = "\${terraform.workspace}-vpc"
  }
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.vpc.id
  cidr_block = local.a_cidr_block[terraform.workspace]
}
`,
        'outputs.tf': `output "vpc_id" {
  value = terraform.workspace == "prod" ? aws_vpc.vpc.id : null
}
`,
        'environments.tf': `locals {
  vpc_cidr_block = {
    dev  = "10.10.0.0/16"
    prod = "10.30.0.0/16"
  }
}

locals {
  a_cidr_block = {
    dev  = "10.10.1.0/24"
    prod = "10.30.1.0/24"
  }
}

` + GUARD,
      },
      only(),
    );
    expect(moves(run)).toEqual([
      'default aws_vpc.dev_vpc -> dev aws_vpc.vpc',
      'default aws_vpc.prod_vpc -> prod aws_vpc.vpc',
      'default aws_subnet.dev_a -> dev aws_subnet.a',
      'default aws_subnet.prod_a -> prod aws_subnet.a',
    ]);
    expect(run.records.map((r) => r.change.title)).toEqual([
      'Merge aws_vpc.dev_vpc, aws_vpc.prod_vpc into aws_vpc.vpc',
      'Merge aws_subnet.dev_a, aws_subnet.prod_a into aws_subnet.a',
      'Split the state by workspace (dev, prod)',
    ]);
  });

  it('merges count copies index by index and module calls whole; keeps shared blocks in the owning workspace; copies that cannot merge stay in their own', async () => {
    const before = {
      'main.tf': `terraform {
  required_version = ">= 1.5"
}

# Shared by everyone.
resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

resource "aws_instance" "dev_worker" {
  count         = 2
  ami           = "ami-123"
  instance_type = "t3.small"
}

resource "aws_instance" "prod_worker" {
  count         = 2
  ami           = "ami-123"
  instance_type = "m5.large"
}

resource "aws_eip" "dev_nat" {
  domain = "vpc"
}

resource "aws_eip" "prod_nat" {
  domain = "vpc"

  lifecycle {
    prevent_destroy = true
  }
}

module "network_dev" {
  source = "./modules/network"
  cidr   = "10.10.0.0/16"
}

module "network_prod" {
  source = "./modules/network"
  cidr   = "10.30.0.0/16"
}
`,
    };
    const run = await runTransforms(before, only());
    expect(run.errors).toEqual([]);
    const main = run.outputs.get('main.tf')!.after;
    expect(main).toBe(`terraform {
  required_version = ">= 1.5"
}

# Shared by everyone.
resource "aws_s3_bucket" "logs" {
  # Shared by every environment: kept in workspace prod.
  count = terraform.workspace == "prod" ? 1 : 0

  bucket = "acme-logs"
}

resource "aws_instance" "worker" {
  count         = 2
  ami           = "ami-123"
  instance_type = local.worker_instance_type[terraform.workspace]
}

resource "aws_eip" "dev_nat" {
  # The dev copy, not merged with prod_nat: kept in workspace dev.
  count = terraform.workspace == "dev" ? 1 : 0

  domain = "vpc"
}

resource "aws_eip" "prod_nat" {
  # The prod copy, not merged with dev_nat: kept in workspace prod.
  count = terraform.workspace == "prod" ? 1 : 0

  domain = "vpc"

  lifecycle {
    prevent_destroy = true
  }
}

module "network" {
  source = "./modules/network"
  cidr   = local.network_cidr[terraform.workspace]
}
`);
    expect(moves(run)).toEqual([
      'default aws_instance.dev_worker[0] -> dev aws_instance.worker[0]',
      'default aws_instance.dev_worker[1] -> dev aws_instance.worker[1]',
      'default aws_instance.prod_worker[0] -> prod aws_instance.worker[0]',
      'default aws_instance.prod_worker[1] -> prod aws_instance.worker[1]',
      'default module.network_dev -> dev module.network',
      'default module.network_prod -> prod module.network',
      'default aws_s3_bucket.logs -> prod aws_s3_bucket.logs[0]',
      'default aws_eip.dev_nat -> dev aws_eip.dev_nat[0]',
      'default aws_eip.prod_nat -> prod aws_eip.prod_nat[0]',
    ]);
    expect(warnings(run)).toEqual([
      'aws_eip.dev_nat, aws_eip.prod_nat: not merged: its members differ in meta-arguments (count, for_each, provider, depends_on or lifecycle), which cannot vary per environment',
    ]);
    // sharedWorkspace moves the shared bucket elsewhere.
    const inDev = await runTransforms(before, only({ sharedWorkspace: 'dev' }));
    expect(inDev.outputs.get('main.tf')!.after).toContain('  # Shared by every environment: kept in workspace dev.\n  count = terraform.workspace == "dev" ? 1 : 0\n');
    expect(moves(inDev)).toContain('default aws_s3_bucket.logs -> dev aws_s3_bucket.logs[0]');
  });

  it('a block only one environment has is counted only in its workspace, under the merged name', async () => {
    const run = await runTransforms(
      {
        'main.tf': `resource "aws_vpc" "dev_vpc" {
  cidr_block = "10.10.0.0/16"
}

resource "aws_vpc" "prod_vpc" {
  cidr_block = "10.30.0.0/16"
}

resource "aws_subnet" "prod_b" {
  vpc_id     = aws_vpc.prod_vpc.id
  cidr_block = "10.30.2.0/24"
}
`,
      },
      only(),
    );
    expect(run.outputs.get('main.tf')!.after).toContain(`resource "aws_subnet" "b" {
  count = terraform.workspace == "prod" ? 1 : 0

  vpc_id     = aws_vpc.vpc.id
  cidr_block = "10.30.2.0/24"
}
`);
    expect(run.records.map((r) => r.change.title)).toContain('Rename aws_subnet.prod_b to aws_subnet.b (only in prod)');
    expect(moves(run)).toContain('default aws_subnet.prod_b -> prod aws_subnet.b[0]');
  });

  it('folds per-environment variables into one, with the values in secrets/<workspace>.tfvars (0600), masked and git-ignored', async () => {
    const run = await runTransforms(
      {
        'main.tf': `variable "dev_db_password" {
  type      = string
  sensitive = true
}

variable "prod_db_password" {
  type      = string
  sensitive = true
}

resource "aws_db_instance" "dev_db" {
  identifier = "dev-db"
  password   = var.dev_db_password
}

resource "aws_db_instance" "prod_db" {
  identifier = "prod-db"
  password   = var.prod_db_password
}
`,
        'secrets.tfvars': 'dev_db_password  = "dev-pass-1"\nprod_db_password = "prod-pass-2"\n',
      },
      only(),
    );
    expect(run.outputs.get('main.tf')!.after).toBe(`variable "db_password" {
  type      = string
  sensitive = true
}

resource "aws_db_instance" "db" {
  identifier = "\${terraform.workspace}-db"
  password   = var.db_password
}
`);
    const dev = run.outputs.get('secrets/dev.tfvars')!;
    expect(dev.after).toBe('# db_password for workspace dev (was dev_db_password); rotate it if it was ever committed\ndb_password = "dev-pass-1"\n');
    expect(dev.mode).toBe(0o600);
    expect(run.outputs.get('secrets/prod.tfvars')!.after).toContain('db_password = "prod-pass-2"\n');
    expect(run.outputs.get('secrets.tfvars')!.after).toBe('');
    expect(run.outputs.get('.gitignore')!.after).toBe('secrets/\n');
    expect(run.records.flatMap((r) => r.change.secrets)).toEqual(expect.arrayContaining(['dev-pass-1', 'prod-pass-2']));
  });

  it('keeps a value of another environment as the literal it is, and says so', async () => {
    const run = await runTransforms(
      {
        'main.tf': `resource "aws_db_subnet_group" "dev_db" {
  name = "dev-db-subnets"
}

resource "aws_db_subnet_group" "prod_db" {
  name = "prod-db-subnets"
}

resource "aws_db_instance" "dev_pg" {
  db_subnet_group_name = aws_db_subnet_group.dev_db.name
}

resource "aws_db_instance" "prod_pg" {
  db_subnet_group_name = aws_db_subnet_group.dev_db.name
}
`,
      },
      only(),
    );
    expect(run.outputs.get('environments.tf')!.after).toContain(`  pg_db_subnet_group_name = {
    dev  = aws_db_subnet_group.db.name
    prod = "dev-db-subnets"
  }
`);
    expect(warnings(run)).toEqual(['aws_db_instance.pg: uses aws_db_subnet_group.dev_db.name of environment dev, kept as its value "dev-db-subnets": probably a mistake in the legacy code, kept as it was']);
  });

  it('reads a value of another workspace through a data source when it is not written but the object has a name; verify sees the resource it reads', async () => {
    const before = {
      'main.tf': `resource "aws_security_group" "dev_web" {
  name = "dev-web"
}

resource "aws_security_group" "prod_web" {
  name = "prod-web"
}

resource "aws_security_group_rule" "dev_ssh" {
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  security_group_id = aws_security_group.dev_web.id
  cidr_blocks       = ["10.0.0.0/8"]
}

resource "aws_security_group_rule" "prod_ssh" {
  type                     = "ingress"
  from_port                = 22
  to_port                  = 22
  protocol                 = "tcp"
  security_group_id        = aws_security_group.prod_web.id
  source_security_group_id = aws_security_group.dev_web.id
}
`,
    };
    const run = await runTransforms(before, only());
    expect(run.errors).toEqual([]);
    const after = filesAfter(before, run);
    expect(after['environments.tf']).toContain(`  ssh_source_security_group_id = {
    dev  = null
    prod = data.aws_security_group.dev_web.id
  }
`);
    expect(after['environments.tf']).toContain(`# aws_security_group.dev_web lives in another workspace after the split: read it by its name.
data "aws_security_group" "dev_web" {
  name = "dev-web"
}
`);
    expect(warnings(run)).toContain('aws_security_group_rule.ssh: uses aws_security_group.dev_web.id of environment dev, read through data.aws_security_group.dev_web (by name = "dev-web"): probably a mistake in the legacy code, kept as it was');
    const moves = run.records.flatMap((r) => r.change.moves);
    const verify = (files: Record<string, string>) => verifyModule({ before: new Map(Object.entries(before)), after: new Map(Object.entries(files)), moves });
    expect(verify(after).equivalent).toBe(true);
    // A data source that reads another object is a difference.
    const wrong = verify({ ...after, 'environments.tf': after['environments.tf']!.replace('name = "dev-web"', 'name = "prod-web"') });
    expect(wrong.equivalent).toBe(false);
    expect(wrong.differences.map((d) => `${d.workspace} ${d.address} ${d.path}`)).toContain('prod aws_security_group_rule.ssh source_security_group_id');
  });

  it('reads a shared block kept in the owning workspace through a data source in the others: by design, so an info, not a warning', async () => {
    const before = {
      'main.tf': `resource "aws_s3_bucket" "artifacts" {
  bucket = "acme-build-artifacts"
}

resource "aws_iam_policy" "dev_deploy" {
  name   = "dev-deploy"
  policy = jsonencode({ Resource = "\${aws_s3_bucket.artifacts.arn}/*" })
}

resource "aws_iam_policy" "prod_deploy" {
  name   = "prod-deploy"
  policy = jsonencode({ Resource = "\${aws_s3_bucket.artifacts.arn}/*" })
}
`,
    };
    const run = await runTransforms(before, only());
    const after = filesAfter(before, run);
    expect(after['main.tf']).toContain('policy = terraform.workspace == "dev" ? jsonencode({ Resource = "${data.aws_s3_bucket.artifacts.arn}/*" }) : jsonencode({ Resource = "${aws_s3_bucket.artifacts[0].arn}/*" })');
    expect(warnings(run)).toEqual([]);
    expect(run.records.flatMap((r) => r.change.findings).map((f) => `${f.severity}: ${f.message}`)).toContain(
      'info: aws_iam_policy.deploy: uses aws_s3_bucket.artifacts.arn of the shared configuration (kept in workspace prod), read through data.aws_s3_bucket.artifacts (by bucket = "acme-build-artifacts")',
    );
    const moves = run.records.flatMap((r) => r.change.moves);
    expect(verifyModule({ before: new Map(Object.entries(before)), after: new Map(Object.entries(after)), moves }).equivalent).toBe(true);
  });

  it('leaves the module alone when a copy needs a value that lives in another workspace, is not written and cannot be looked up', async () => {
    const run = await runTransforms(
      {
        'main.tf': `resource "aws_security_group" "dev_web" {
  name_prefix = "dev-web-"
}

resource "aws_security_group" "prod_web" {
  name_prefix = "prod-web-"
}

resource "aws_security_group_rule" "prod_from_dev" {
  type                     = "ingress"
  from_port                = 22
  to_port                  = 22
  protocol                 = "tcp"
  security_group_id        = aws_security_group.prod_web.id
  source_security_group_id = aws_security_group.dev_web.id
}
`,
      },
      only(),
    );
    expect(run.outputs.size).toBe(0);
    expect(warnings(run).join('\n')).toContain('aws_security_group.dev_web.id, which lives in workspace dev after the split; its value is not written in the configuration, nor a name a data source could find it by');
  });

  it('turns nested blocks that differ into a dynamic block over a per-environment list, comments included', async () => {
    const run = await assertCodemod(
      {
        'lb.tf': `resource "aws_lb" "dev_alb" {
  name               = "dev-alb"
  load_balancer_type = "application"
}

resource "aws_lb" "prod_alb" {
  name               = "prod-alb"
  load_balancer_type = "application"

  # audit wants the access logs of prod
  access_logs {
    bucket  = "acme-alb-logs"
    enabled = true
  }
}
`,
      },
      {
        'lb.tf': `resource "aws_lb" "alb" {
  name               = "\${terraform.workspace}-alb"
  load_balancer_type = "application"

  dynamic "access_logs" {
    for_each = local.alb_access_logs[terraform.workspace]
    content {
      bucket  = access_logs.value.bucket
      enabled = access_logs.value.enabled
    }
  }
}
`,
        'environments.tf': `locals {
  alb_access_logs = {
    dev = []
    prod = [
      # audit wants the access logs of prod
      {
        bucket  = "acme-alb-logs"
        enabled = true
      },
    ]
  }
}

` + GUARD,
      },
      only(),
    );
    expect(moves(run)).toEqual(['default aws_lb.dev_alb -> dev aws_lb.alb', 'default aws_lb.prod_alb -> prod aws_lb.alb']);
  });

  it('gives a merged security group a per-environment map of rules keyed by name, so each workspace keeps its own set', async () => {
    await assertCodemod(
      {
        'sg.tf': `resource "aws_security_group" "dev_web" {
  name = "dev-web"

  ingress {
    description = "HTTP from anywhere"
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "prod_web" {
  name = "prod-web"

  ingress {
    description = "HTTP from anywhere"
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  # TLS only in prod
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description     = "Health checks"
    from_port       = 8080
    to_port         = 8080
    protocol        = "tcp"
    security_groups = ["sg-0a1b2c3d4e5f60718"]
  }
}
`,
      },
      {
        'sg.tf': `resource "aws_security_group" "web" {
  name = "\${terraform.workspace}-web"

  dynamic "ingress" {
    for_each = local.web_ingress[terraform.workspace]
    content {
      description     = ingress.value.description
      from_port       = ingress.value.from_port
      to_port         = ingress.value.to_port
      protocol        = ingress.value.protocol
      cidr_blocks     = ingress.value.cidr_blocks
      security_groups = ingress.value.security_groups
    }
  }
}
`,
        'environments.tf': `locals {
  web_ingress = {
    dev = {
      http_from_anywhere = {
        description     = "HTTP from anywhere"
        from_port       = 80
        to_port         = 80
        protocol        = "tcp"
        cidr_blocks     = ["0.0.0.0/0"]
        security_groups = null
      }
    }
    prod = {
      http_from_anywhere = {
        description     = "HTTP from anywhere"
        from_port       = 80
        to_port         = 80
        protocol        = "tcp"
        cidr_blocks     = ["0.0.0.0/0"]
        security_groups = null
      }
      # TLS only in prod
      tcp_443 = {
        description     = null
        from_port       = 443
        to_port         = 443
        protocol        = "tcp"
        cidr_blocks     = ["0.0.0.0/0"]
        security_groups = null
      }
      health_checks = {
        description     = "Health checks"
        from_port       = 8080
        to_port         = 8080
        protocol        = "tcp"
        cidr_blocks     = null
        security_groups = ["sg-0a1b2c3d4e5f60718"]
      }
    }
  }
}

` + GUARD,
      },
      only(),
    );
  });

  it('takes the environments from the config when the names are not the usual ones', async () => {
    const files = {
      'main.tf': 'resource "aws_s3_bucket" "blue_site" {\n  bucket = "site-blue"\n}\n\nresource "aws_s3_bucket" "green_site" {\n  bucket = "site-green"\n}\n',
    };
    expect((await runTransforms(files, only())).outputs.size).toBe(0);
    const run = await runTransforms(files, only({ environments: ['blue', 'green'] }));
    expect(run.outputs.get('main.tf')!.after).toBe('resource "aws_s3_bucket" "site" {\n  bucket = "site-${terraform.workspace}"\n}\n');
    expect(moves(run)).toEqual(['default aws_s3_bucket.blue_site -> blue aws_s3_bucket.site', 'default aws_s3_bucket.green_site -> green aws_s3_bucket.site']);
  });
});

describe('merge-environments, for_each strategy', () => {
  it('keys the merged blocks by environment in one state, with moved blocks instead of a script', async () => {
    const run = await assertCodemod(
      network,
      {
        'main.tf': `resource "aws_vpc" "vpc" {
  for_each = toset(["dev", "prod"])

  cidr_block = local.vpc_cidr_block[each.key]

  tags = {
    Name = "\${each.key}-vpc"
  }
}

resource "aws_subnet" "a" {
  for_each = toset(["dev", "prod"])

  vpc_id     = aws_vpc.vpc[each.key].id
  cidr_block = local.a_cidr_block[each.key]
}
`,
        'outputs.tf': `output "prod_vpc_id" {
  value = aws_vpc.vpc["prod"].id
}
`,
        'environments.tf': `locals {
  vpc_cidr_block = {
    dev  = "10.10.0.0/16"
    prod = "10.30.0.0/16"
  }
}

locals {
  a_cidr_block = {
    dev  = "10.10.1.0/24"
    prod = "10.30.1.0/24"
  }
}
`,
        'moved.tf': `moved {
  from = aws_vpc.dev_vpc
  to   = aws_vpc.vpc["dev"]
}

moved {
  from = aws_vpc.prod_vpc
  to   = aws_vpc.vpc["prod"]
}

moved {
  from = aws_subnet.dev_a
  to   = aws_subnet.a["dev"]
}

moved {
  from = aws_subnet.prod_a
  to   = aws_subnet.a["prod"]
}
`,
      },
      only({ strategy: 'for_each' }),
    );
    expect(run.records.flatMap((r) => r.change.moves).every((m) => m.via === 'moved' && m.to.workspace === 'default')).toBe(true);
  });

  it('refuses copies that use one another: merged, the block would refer to itself', async () => {
    const run = await runTransforms(
      {
        'main.tf': `resource "aws_security_group" "dev_web" {
  name = "dev-web"
}

resource "aws_security_group" "prod_web" {
  name = "prod-web"

  ingress {
    from_port       = 22
    to_port         = 22
    protocol        = "tcp"
    security_groups = [aws_security_group.dev_web.id]
  }
}
`,
      },
      only({ strategy: 'for_each' }),
    );
    expect(run.outputs.size).toBe(0);
    expect(warnings(run).join('\n')).toContain('the prod copy refers to aws_security_group.dev_web, another copy of the same block, which would make the merged block refer to itself (a cycle)');
  });

  it('refuses copies counted themselves, and gives a new name when the merged one is taken', async () => {
    const run = await runTransforms(
      {
        'main.tf': `resource "aws_instance" "web" {
  ami = "ami-1"
}

resource "aws_instance" "dev_web" {
  ami = "ami-2"
}

resource "aws_instance" "prod_web" {
  ami = "ami-3"
}

resource "aws_eip" "dev_ip" {
  count = 2
}

resource "aws_eip" "prod_ip" {
  count = 2
}
`,
      },
      only({ strategy: 'for_each' }),
    );
    expect(run.outputs.get('main.tf')!.after).toContain('resource "aws_instance" "web_2" {\n  for_each = toset(["dev", "prod"])\n');
    expect(warnings(run)).toContain(
      'aws_eip.dev_ip, aws_eip.prod_ip: not merged: its members use count or for_each themselves; with --strategy for_each that would need composite keys, which tfcodemod does not write',
    );
  });
});

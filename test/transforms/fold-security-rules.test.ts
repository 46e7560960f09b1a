import { describe, expect, it } from 'vitest';
import { assertCodemod, findingMessages, hclFormat, runTransforms } from '../helpers.js';

const only = { transforms: ['fold-security-rules'] };

describe('fold-security-rules', () => {
  it('folds literal rules into a dynamic block over a map of named rules: null where a rule lacks an argument, comments with their rule', async () => {
    const run = await assertCodemod(
      {
        'sg.tf': `resource "aws_security_group" "web" {
  name = "web"

  # public
  ingress {
    description = "HTTPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # everyone
  }

  ingress {
    from_port       = 8080
    to_port         = 8081
    protocol        = "tcp"
    security_groups = ["sg-0123456789abcdef0"]
  }
}
`,
      },
      {
        'sg.tf': `resource "aws_security_group" "web" {
  name = "web"

  dynamic "ingress" {
    for_each = local.web_ingress
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

locals {
  web_ingress = {
    # public
    https = {
      description     = "HTTPS"
      from_port       = 443
      to_port         = 443
      protocol        = "tcp"
      cidr_blocks     = ["0.0.0.0/0"] # everyone
      security_groups = null
    }
    tcp_8080_8081 = {
      description     = null
      from_port       = 8080
      to_port         = 8081
      protocol        = "tcp"
      cidr_blocks     = null
      security_groups = ["sg-0123456789abcdef0"]
    }
  }
}
`,
      },
      only,
    );
    expect(run.records.map((r) => r.change.title)).toEqual(['Fold the 2 ingress rules of aws_security_group.web into local.web_ingress']);
    expect(run.records[0]!.change.moves).toEqual([]);
  });

  it('writes a rule whose value spans lines the way terraform fmt does: that line is aligned with no other', async () => {
    const run = await runTransforms(
      {
        'main.tf': `resource "aws_security_group" "api" {
  name = "api"

  ingress {
    description = "HTTPS from the partners"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"

    ipv6_cidr_blocks = [
      "2001:db8:100::/48",
      "2001:db8:200::/48",
    ]
  }

  ingress {
    from_port = 8443
    to_port   = 8443
    protocol  = "tcp"
    self      = true
  }
}
`,
      },
      only,
    );
    expect(run.errors).toEqual([]);
    const text = run.outputs.get('main.tf')!.after;
    expect(text).toContain(`      description = "HTTPS from the partners"
      from_port   = 443
      to_port     = 443
      protocol    = "tcp"
      ipv6_cidr_blocks = [
        "2001:db8:100::/48",
        "2001:db8:200::/48",
      ]
      self = null
    }`);
    expect(await hclFormat(text)).toBe(text);
  });

  it('names rules readably and never twice; egress folds apart from ingress', async () => {
    const run = await runTransforms(
      {
        'sg.tf': `resource "aws_security_group" "app" {
  name = "app"

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    description = "DNS"
    from_port   = 53
    to_port     = 53
    protocol    = "udp"
    cidr_blocks = ["10.0.0.2/32"]
  }

  egress {
    description = "DNS!"
    from_port   = 53
    to_port     = 53
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.2/32"]
  }
}
`,
      },
      only,
    );
    const after = run.outputs.get('sg.tf')!.after;
    expect(after).toContain('  app_egress = {\n    all_traffic = {');
    expect(after).toContain('\n    dns = {\n');
    expect(after).toContain('\n    dns_2 = {\n');
    expect(after).not.toContain('ingress');
  });

  it('leaves alone one rule, rules with a comment it could not place, and a group marked tfcodemod:ignore', async () => {
    const single = 'resource "aws_security_group" "a" {\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = ["10.0.0.0/8"]\n  }\n}\n';
    expect((await runTransforms({ 'a.tf': single }, only)).outputs.size).toBe(0);
    const stray = await runTransforms(
      {
        'b.tf': 'resource "aws_security_group" "b" {\n  ingress {\n    from_port = 1\n    to_port   = 1\n    protocol  = "tcp"\n    # why?\n  }\n\n  ingress {\n    from_port = 2\n    to_port   = 2\n    protocol  = "tcp"\n  }\n}\n',
      },
      only,
    );
    expect(stray.outputs.size).toBe(0);
    expect(findingMessages(stray, 'info')).toContain('aws_security_group.b: ingress rules not folded: a comment inside a rule is not next to an argument');
    const ignored = await runTransforms(
      {
        'c.tf': '# tfcodemod:ignore fold-security-rules\nresource "aws_security_group" "c" {\n  ingress {\n    from_port = 1\n    to_port   = 1\n    protocol  = "tcp"\n  }\n\n  ingress {\n    from_port = 2\n    to_port   = 2\n    protocol  = "tcp"\n  }\n}\n',
      },
      only,
    );
    expect(ignored.outputs.size).toBe(0);
  });

  it('finds rules open to the internet beyond 80 and 443, duplicates, and groups near the rule quota', async () => {
    const cidrs = Array.from({ length: 52 }, (_, i) => `"10.${i}.0.0/16"`).join(', ');
    const run = await runTransforms(
      {
        'sg.tf': `resource "aws_security_group" "edge" {
  ingress {
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    from_port        = 3389
    to_port          = 3389
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"]
  }

  ingress {
    description = "again"
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    from_port   = 9000
    to_port     = 9000
    protocol    = "tcp"
    cidr_blocks = [${cidrs}]
  }
}
`,
      },
      only,
    );
    expect(findingMessages(run, 'warning')).toEqual([
      'aws_security_group.edge: ingress from the whole internet on port 3389: restrict the source unless it is meant to be public',
      'aws_security_group.edge: this ingress rule repeats the one at line 2 (same ports, protocol and sources): AWS keeps one',
      'aws_security_group.edge: 54 IPv4 ingress rules (each CIDR and source group counts; a prefix list counts its maximum entries): AWS allows 60 by default',
    ]);
  });

  it('counts a managed prefix list of the module as its maximum entries, in its address family; one from elsewhere as one', async () => {
    const group = (lists: string) => `resource "aws_ec2_managed_prefix_list" "partners" {
  name           = "partners"
  address_family = "IPv4"
  max_entries    = 50
}

resource "aws_ec2_managed_prefix_list" "partners_v6" {
  name           = "partners-v6"
  address_family = "IPv6"
  max_entries    = 55
}

resource "aws_security_group" "api" {
  ingress {
    from_port       = 443
    to_port         = 443
    protocol        = "tcp"
    prefix_list_ids = [${lists}]
  }

  ingress {
    from_port   = 8443
    to_port     = 8443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}
`;
    const run = await runTransforms({ 'sg.tf': group('aws_ec2_managed_prefix_list.partners.id, aws_ec2_managed_prefix_list.partners_v6.id') }, only);
    expect(findingMessages(run, 'warning')).toEqual([
      'aws_security_group.api: 51 IPv4 ingress rules (each CIDR and source group counts; a prefix list counts its maximum entries): AWS allows 60 by default',
      'aws_security_group.api: 55 IPv6 ingress rules (each CIDR and source group counts; a prefix list counts its maximum entries): AWS allows 60 by default',
    ]);
    // A prefix list whose maximum is not in the module: one entry, no warning.
    expect(findingMessages(await runTransforms({ 'sg.tf': group('"pl-0123456789abcdef0"') }, only), 'warning')).toEqual([]);
  });

  it('after merge-environments, a merged group whose copies had the same rules gets them folded once', async () => {
    const sg = (env: string) => `resource "aws_security_group" "${env}_web" {
  name = "${env}-web"

  ingress {
    description = "HTTP"
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = "HTTPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`;
    const run = await runTransforms({ 'sg.tf': `${sg('dev')}\n${sg('prod')}` }, { transforms: ['merge-environments', 'fold-security-rules'] });
    const after = run.outputs.get('sg.tf')!.after;
    expect(after).toContain('resource "aws_security_group" "web" {\n  name = "${terraform.workspace}-web"\n\n  dynamic "ingress" {\n    for_each = local.web_ingress\n');
    expect(after).toContain('  web_ingress = {\n    http = {');
    expect(run.records.map((r) => r.change.id)).toEqual(['merge-environments:aws_security_group.web', 'merge-environments:module', 'fold-security-rules:aws_security_group.web.ingress']);
  });

  it('folds the rule resources of one group into one for_each resource with moved blocks; a rule referred to elsewhere stays', async () => {
    const rule = (name: string, port: number, extra = '') => `resource "aws_security_group_rule" "${name}" {
  type              = "ingress"
  from_port         = ${port}
  to_port           = ${port}
  protocol          = "tcp"${extra}
  cidr_blocks       = ["10.0.0.0/8"]
  security_group_id = aws_security_group.lb.id
}
`;
    const run = await runTransforms(
      {
        'rules.tf': `${rule('lb_qa_http', 80)}\n${rule('lb_qa_https', 443)}\n`,
        'versions.tf': 'terraform {\n  required_version = ">= 1.0"\n}\n',
      },
      only,
    );
    expect(run.outputs.get('rules.tf')!.after).toBe(`locals {
  lb_qa_rules = {
    http = {
      from_port = 80
      to_port   = 80
    }
    https = {
      from_port = 443
      to_port   = 443
    }
  }
}

resource "aws_security_group_rule" "lb_qa" {
  for_each = local.lb_qa_rules

  from_port         = each.value.from_port
  to_port           = each.value.to_port
  type              = "ingress"
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/8"]
  security_group_id = aws_security_group.lb.id
}

`);
    expect(run.outputs.get('moved.tf')!.after).toBe('moved {\n  from = aws_security_group_rule.lb_qa_http\n  to   = aws_security_group_rule.lb_qa["http"]\n}\n\nmoved {\n  from = aws_security_group_rule.lb_qa_https\n  to   = aws_security_group_rule.lb_qa["https"]\n}\n');
    expect(run.outputs.get('versions.tf')!.after).toContain('required_version = ">= 1.1"');
    expect(run.records.flatMap((r) => r.change.moves).map((m) => `${m.from.address} -> ${m.to.address} (${m.via})`)).toEqual([
      'aws_security_group_rule.lb_qa_http -> aws_security_group_rule.lb_qa["http"] (moved)',
      'aws_security_group_rule.lb_qa_https -> aws_security_group_rule.lb_qa["https"] (moved)',
    ]);

    const referenced = await runTransforms(
      { 'rules.tf': `${rule('a_http', 80)}\n${rule('a_https', 443)}\noutput "rule" {\n  value = aws_security_group_rule.a_http.id\n}\n` },
      only,
    );
    expect(referenced.outputs.size).toBe(0);

    // Without a common prefix the resource is named after its security group, keyed by the old names.
    const unprefixed = await runTransforms({ 'rules.tf': `${rule('http_in', 80)}\n${rule('https_in', 443)}` }, only);
    expect(unprefixed.records.flatMap((r) => r.change.moves).map((m) => m.to.address)).toEqual(['aws_security_group_rule.lb_rules["http_in"]', 'aws_security_group_rule.lb_rules["https_in"]']);

    const commented = await runTransforms({ 'rules.tf': `${rule('b_http', 80, '\n  # ask the network team first')}\n${rule('b_https', 443)}`.replace('  # ask the network team first\n  cidr_blocks', '  cidr_blocks').replace('security_group_id = aws_security_group.lb.id\n}', 'security_group_id = aws_security_group.lb.id\n  # end\n}') }, only);
    expect(commented.outputs.size).toBe(0);
    expect(findingMessages(commented, 'info').join('\n')).toContain('not folded with the other rules of aws_security_group.lb.id: a comment inside it is not next to an argument');
  });
});


describe('fold-security-rules: how the rule resources move', () => {
  const rules = (extra = '') => ({
    'main.tf': `resource "aws_security_group_rule" "lb_http" {
  type              = "ingress"
  from_port         = 80
  to_port           = 80
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = "sg-0123456789abcdef0"
}

resource "aws_security_group_rule" "lb_https" {
  type              = "ingress"
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = "sg-0123456789abcdef0"
}
${extra}`,
  });
  const withFormat = (migrationFormat: string) => ({ transforms: ['fold-security-rules'], options: { 'fold-security-rules': { migrationFormat } } });

  it('with --migration-format script in a module of one state: state moves for the script, no moved blocks', async () => {
    const run = await runTransforms(rules(), withFormat('script'));
    expect(run.outputs.has('moved.tf')).toBe(false);
    expect(run.records.flatMap((r) => r.change.moves)).toEqual([
      { from: { workspace: 'default', address: 'aws_security_group_rule.lb_http' }, to: { workspace: 'default', address: 'aws_security_group_rule.lb["http"]' } },
      { from: { workspace: 'default', address: 'aws_security_group_rule.lb_https' }, to: { workspace: 'default', address: 'aws_security_group_rule.lb["https"]' } },
    ]);
  });

  it('after a split by workspace, moved blocks whatever the format, and says why', async () => {
    const run = await runTransforms(rules('\noutput "workspace" {\n  value = terraform.workspace\n}\n'), withFormat('script'));
    expect(run.outputs.get('moved.tf')!.after).toContain('moved {\n  from = aws_security_group_rule.lb_http\n  to   = aws_security_group_rule.lb["http"]\n}\n');
    expect(run.records.flatMap((r) => r.change.moves).every((m) => m.via === 'moved')).toBe(true);
    expect(run.findings.map((f) => f.message)).toContain(
      "the rule resources move with moved blocks, not the migration script: after the split by workspace each rule is in its environment's state, which a moved block reaches in every workspace",
    );
  });
});

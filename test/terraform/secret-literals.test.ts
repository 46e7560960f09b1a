// The values the dry-run diff masks: literal values of secret-like arguments and object keys,
// wherever they stand in a module.
import { beforeAll, describe, expect, it } from 'vitest';
import { initParser, parseHcl } from '../../src/cst/parser.js';
import { secretLiterals } from '../../src/terraform/secret-literals.js';
import { isSecretName, mentionsSecretName, secretNameMentions } from '../../src/terraform/secret-names.js';

beforeAll(initParser);

const MAIN = `resource "aws_db_instance" "main" {
  identifier = "orders"
  password   = "hunter2-orders" # a secret literal
  username   = var.db_password_user

  tags = {
    Name = "orders"
  }
}

locals {
  vendors = {
    stripe = {
      "api-key" = "sk_live_51Hx"
      region    = "eu-west-1"
    }
    pagerduty = { "Access-Key" = "pd-route-42" }
  }
  dev_token = "enabled"
  short     = { token = "abc" }
  db_password = <<-EOT
    correct-horse-battery
  EOT
}

variable "github_token" {
  type    = string
  default = "ghp_0123456789"
}
`;

describe('secretLiterals', () => {
  it('finds literals of secret-like arguments and object keys (also written with hyphens, in any case), and heredocs (their value ends with the newline, as in HCL)', () => {
    expect(secretLiterals([['main.tf', MAIN]]).sort()).toEqual(['correct-horse-battery\n', 'hunter2-orders', 'pd-route-42', 'sk_live_51Hx'].sort());
  });

  it('leaves out references, short values, plain words, non-secret names and non-.tf files', () => {
    const values = secretLiterals([['main.tf', MAIN], ['notes.md', 'password = "not-hcl-at-all"']]);
    expect(values).not.toContain('orders');
    expect(values).not.toContain('eu-west-1');
    expect(values).not.toContain('abc');
    expect(values).not.toContain('enabled');
    expect(values).not.toContain('not-hcl-at-all');
    // A variable's default is not an argument named like a secret: extract-secrets judges it.
    expect(values).not.toContain('ghp_0123456789');
  });

  it('reads a tree the caller gives and leaves it usable', () => {
    const tree = parseHcl(MAIN);
    try {
      expect(secretLiterals([['main.tf', MAIN]], (name) => (name === 'main.tf' ? tree : undefined))).toContain('hunter2-orders');
      expect(tree.rootNode.namedChildren.length).toBeGreaterThan(0);
    } finally {
      tree.delete();
    }
  });

  it('skips a file that names no secret', () => {
    expect(secretLiterals([['main.tf', 'resource "aws_s3_bucket" "b" {\n  bucket = "logs-archive-2024"\n}\n']])).toEqual([]);
  });
});

describe('secret-name mentions', () => {
  it('every name isSecretName accepts contains a mention, however it is written', () => {
    for (const name of ['password', 'MASTER-PASSWORD', 'db_password', 'access-key', 'Stripe_Api_Key', 'client-secret', 'sas_token', 'license-key']) {
      expect(isSecretName(name), name).toBe(true);
      const text = `  ${name} = "x"`;
      expect(mentionsSecretName(text), name).toBe(true);
      expect(secretNameMentions(text).some((at) => at >= 2 && at < 2 + name.length), name).toBe(true);
    }
    expect(secretNameMentions('  passwords_policy = "x"\n  keyring = 1')).toEqual([]);
  });
});

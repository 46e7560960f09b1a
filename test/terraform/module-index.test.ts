import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributeOf, attributeValue } from '../../src/cst/nodes.js';
import { initParser, parseHcl } from '../../src/cst/parser.js';
import { ModuleIndex, type SourceFile } from '../../src/terraform/module-index.js';
import { calledModules, localSourcesIn } from '../../src/terraform/module-calls.js';
import { exactTraversal, providerReference, referenceOf, traversalsIn } from '../../src/terraform/references.js';
import { stateLocation } from '../../src/terraform/state-location.js';

beforeAll(initParser);
const files: SourceFile[] = [];
afterAll(() => files.forEach((f) => f.tree.delete()));

function index(sources: Record<string, string>): ModuleIndex {
  const list = Object.entries(sources).map(([name, text]) => ({ name, text, tree: parseHcl(text), eol: '\n' as const }));
  files.push(...list);
  return new ModuleIndex(list);
}

describe('ModuleIndex', () => {
  let ix: ModuleIndex;
  beforeAll(async () => {
    await initParser();
    ix = index({
    'main.tf': `
terraform {
  backend "local" {
    path = "s/terraform.tfstate"
  }
}

provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

resource "aws_vpc" "dev_vpc" {
  cidr_block = "10.0.0.0/16"
}

data "aws_ami" "ubuntu" {}

module "net" {
  source = "./modules/net"
}

variable "x" {}

locals {
  a = 1
  b = local.a + 1
}

output "vpc" {
  value = aws_vpc.dev_vpc.id
}
`,
    'notes.tfvars': 'ignored = true\n',
    });
  });

  it('indexes blocks by kind and address', () => {
    expect([...ix.resources.keys()]).toEqual(['aws_vpc.dev_vpc', 'data.aws_ami.ubuntu']);
    expect([...ix.variables.keys()]).toEqual(['x']);
    expect([...ix.locals.keys()]).toEqual(['a', 'b']);
    expect([...ix.outputs.keys()]).toEqual(['vpc']);
    expect([...ix.moduleCalls.keys()]).toEqual(['net']);
    expect(ix.providers.map((p) => p.ref)).toEqual(['aws', 'aws.west']);
    expect(ix.localModuleSources()).toEqual(['./modules/net']);
    expect(ix.backends().map((b) => b.type)).toEqual(['local']);
  });

  it('knows where local state lives', () => {
    expect(stateLocation(ix)).toEqual({ backend: 'local', local: true, path: 's/terraform.tfstate', workspaceDir: 'terraform.tfstate.d' });
  });

  it('finds references in expressions, including flattened operations and templates', () => {
    const [f] = files;
    const refsOf = (text: string) => {
      const tree = parseHcl(text);
      const out = traversalsIn(tree.rootNode, text).map((t) => referenceOf(t));
      tree.delete();
      return out;
    };
    expect(refsOf('x = aws_vpc.dev_vpc.id\n')).toEqual([{ kind: 'resource', address: 'aws_vpc.dev_vpc' }]);
    expect(refsOf('x = "${var.a}-${local.b}"\n')).toEqual([{ kind: 'variable', name: 'a' }, { kind: 'local', name: 'b' }]);
    expect(refsOf('x = module.m.out + data.aws_ami.u.id\n')).toEqual([{ kind: 'module', name: 'm' }, { kind: 'data', address: 'data.aws_ami.u' }]);
    // Iterators of for expressions and dynamic blocks are not references.
    expect(refsOf('x = [for s in var.subnets : s.id if count.index > 0]\n')).toEqual([{ kind: 'variable', name: 'subnets' }, { kind: 'other', root: 'count' }]);
    expect(refsOf('resource "aws_security_group" "g" {\n  dynamic "ingress_rule" {\n    for_each = local.rules\n    content {\n      from_port = ingress_rule.value.port\n    }\n  }\n}\n')).toEqual([{ kind: 'local', name: 'rules' }]);
    expect(f).toBeDefined();
  });

  it('reads traversal steps, indexes and splats', () => {
    const text = 'x = aws_instance.web[0].tags["Name"]\ny = aws_instance.web[*].id\nz = aws.west\n';
    const tree = parseHcl(text);
    const [t1, t2, t3] = traversalsIn(tree.rootNode, text);
    expect(t1).toMatchObject({ root: 'aws_instance', steps: ['web', 0, 'tags', 'Name'] });
    expect(t2).toMatchObject({ root: 'aws_instance', steps: ['web', '*'] });
    expect(t3).toMatchObject({ root: 'aws', steps: ['west'] });
    const z = attributeValue(attributeOf(tree.rootNode.namedChild(0), 'z')!)!;
    expect(providerReference(z, text)).toEqual({ name: 'aws', alias: 'west' });
    const x = attributeValue(attributeOf(tree.rootNode.namedChild(0), 'x')!)!;
    expect(exactTraversal(x, text)?.steps).toEqual(['web', 0, 'tags', 'Name']);
    tree.delete();
  });
});

describe('module calls', () => {
  it('finds local sources and the modules they make children', () => {
    expect(localSourcesIn('module "a" {\n  source = "../modules/vpc"\n}\n# source = "./commented"\nmodule "r" {\n  source  = "terraform-aws-modules/vpc/aws"\n}\n')).toEqual(['../modules/vpc']);
    const called = calledModules(new Map([['envs/prod', ['../../modules/vpc']], ['.', ['./modules/db']], ['modules/vpc', []]]));
    expect([...called].sort()).toEqual(['modules/db', 'modules/vpc']);
  });
});

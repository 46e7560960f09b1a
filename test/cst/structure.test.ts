import { beforeAll, describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/cst/edit.js';
import { attributeOf, blocksOf, bodyOf } from '../../src/cst/nodes.js';
import { initParser, parseHcl, type Node } from '../../src/cst/parser.js';
import { editAttributes, insertNestedBlock, realign, removalRange, replaceItem, type NewAttribute } from '../../src/cst/structure.js';
import { lineEndingOf } from '../../src/cst/text.js';
import { hclFormat, hclParse } from '../helpers.js';

beforeAll(initParser);

/** Applies editAttributes to the first block of `text`; `remove` names attributes. */
function edit(text: string, change: { remove?: string[]; insert?: (NewAttribute & { afterName?: string })[] }): string {
  const tree = parseHcl(text);
  try {
    const block = blocksOf(bodyOf(tree.rootNode))[0]!;
    const attr = (n: string): Node => attributeOf(bodyOf(block), n)!;
    const edits = editAttributes(text, block, {
      remove: (change.remove ?? []).map(attr),
      insert: (change.insert ?? []).map(({ afterName, ...i }) => (afterName ? { ...i, after: attr(afterName) } : i)),
    });
    return applyEdits(text, edits, lineEndingOf(text));
  } finally {
    tree.delete();
  }
}

async function expectFmtClean(text: string): Promise<void> {
  await hclParse('x.tf', text);
  expect(await hclFormat(text)).toBe(text);
}

describe('editAttributes', () => {
  it('inserts after the last attribute, widening the run', async () => {
    const out = edit('output "x" {\n  value = 1\n}\n', { insert: [{ name: 'sensitive', value: 'true' }] });
    expect(out).toBe('output "x" {\n  value     = 1\n  sensitive = true\n}\n');
    await expectFmtClean(out);
  });

  it('inserts after a given attribute, joining the runs on both sides', async () => {
    const before = 'output "x" {\n  value       = aws_db_instance.main.password\n  description = "The password"\n}\n';
    const out = edit(before, { insert: [{ name: 'sensitive', value: 'true', afterName: 'value' }] });
    expect(out).toBe('output "x" {\n  value       = aws_db_instance.main.password\n  sensitive   = true\n  description = "The password"\n}\n');
    await expectFmtClean(out);
  });

  it('keeps runs it does not touch byte for byte', async () => {
    const before = 'resource "a" "b" {\n  x = 1\n\n  tags = {\n    Name = "n"\n  }\n  y = 2\n}\n';
    const out = edit(before, { insert: [{ name: 'longer_name', value: '"v"', afterName: 'x' }] });
    expect(out).toBe('resource "a" "b" {\n  x           = 1\n  longer_name = "v"\n\n  tags = {\n    Name = "n"\n  }\n  y = 2\n}\n');
    await expectFmtClean(out);
  });

  it('re-aligns the run a removed attribute leaves behind', async () => {
    const before = 'variable "db_password" {\n  type        = string\n  default     = "hunter2"\n  description = "x"\n}\n';
    const out = edit(before, { remove: ['description'] });
    expect(out).toBe('variable "db_password" {\n  type    = string\n  default = "hunter2"\n}\n');
    await expectFmtClean(out);
  });

  it('removes and inserts in one go', async () => {
    const before = 'variable "db_password" {\n  description = "x"\n  type        = string\n  default     = "hunter2"\n}\n';
    const out = edit(before, { remove: ['default'], insert: [{ name: 'sensitive', value: 'true' }] });
    expect(out).toBe('variable "db_password" {\n  description = "x"\n  type        = string\n  sensitive   = true\n}\n');
    await expectFmtClean(out);
  });

  it('joins the runs around a removed line', async () => {
    const before = 'resource "a" "b" {\n  ab = 1\n  provider = aws.x\n  c = 2\n}\n';
    const formatted = await hclFormat(before);
    const out = edit(formatted, { remove: ['provider'] });
    expect(out).toBe('resource "a" "b" {\n  ab = 1\n  c  = 2\n}\n');
    await expectFmtClean(out);
  });

  it('re-aligns trailing comments of the run', async () => {
    const before = 'locals {\n  a = 1 # one\n  b = 22 # two\n}\n';
    const formatted = await hclFormat(before);
    const out = edit(formatted, { insert: [{ name: 'longer', value: '3', afterName: 'a' }] });
    await expectFmtClean(out);
    expect(out).toContain('# one');
    expect(out).toContain('# two');
  });

  it('inserts first in the body', async () => {
    const out = edit('terraform {\n  required_providers {\n    aws = {\n      source = "hashicorp/aws"\n    }\n  }\n}\n', {
      insert: [{ name: 'required_version', value: '">= 1.10"', after: null }],
    });
    expect(out.startsWith('terraform {\n  required_version = ">= 1.10"\n  required_providers {')).toBe(true);
    await expectFmtClean(out);
  });

  it('expands a one-line block', async () => {
    const out = edit('output "x" { value = 1 }\n', { insert: [{ name: 'sensitive', value: 'true' }] });
    expect(out).toBe('output "x" {\n  value     = 1\n  sensitive = true\n}\n');
    await expectFmtClean(out);
  });

  it('keeps CRLF line endings', () => {
    const out = edit('output "x" {\r\n  value = 1\r\n}\r\n', { insert: [{ name: 'sensitive', value: 'true' }] });
    expect(out).toBe('output "x" {\r\n  value     = 1\r\n  sensitive = true\r\n}\r\n');
  });
});

describe('removalRange', () => {
  const remove = (text: string, index = 0): string => {
    const tree = parseHcl(text);
    const block = blocksOf(bodyOf(tree.rootNode))[index]!;
    const r = removalRange(text, block);
    tree.delete();
    return text.slice(0, r.start) + text.slice(r.end);
  };

  it('takes the comments directly above and one blank line', () => {
    expect(remove('a {}\n\n# about b\nb {}\n\nc {}\n', 1)).toBe('a {}\n\nc {}\n');
  });
  it('leaves no blank line before a closing brace or the end', () => {
    expect(remove('a {}\n\nb {}\n', 1)).toBe('a {}\n');
  });
  it('removes the first item cleanly', () => {
    expect(remove('a {}\n\nb {}\n', 0)).toBe('b {}\n');
  });
});

describe('insertNestedBlock and replaceItem', () => {
  it('adds a block at the end of a body, after a blank line', async () => {
    const text = 'terraform {\n  required_version = ">= 1.10"\n}\n';
    const tree = parseHcl(text);
    const e = insertNestedBlock(text, blocksOf(bodyOf(tree.rootNode))[0]!, 'backend "s3" {\n  encrypt = true\n}\n');
    tree.delete();
    const out = applyEdits(text, [e]);
    expect(out).toBe('terraform {\n  required_version = ">= 1.10"\n\n  backend "s3" {\n    encrypt = true\n  }\n}\n');
    await expectFmtClean(out);
  });

  it('replaces a nested block in place, indented', async () => {
    const text = 'terraform {\n  backend "local" {\n    path = "x.tfstate"\n  }\n}\n';
    const tree = parseHcl(text);
    const backend = blocksOf(bodyOf(blocksOf(bodyOf(tree.rootNode))[0]!))[0]!;
    const out = applyEdits(text, [replaceItem(text, backend, 'backend "s3" {\n  encrypt = true\n}\n')]);
    tree.delete();
    expect(out).toBe('terraform {\n  backend "s3" {\n    encrypt = true\n  }\n}\n');
    await expectFmtClean(out);
  });
});

describe('heredoc values in runs', () => {
  it('aligns a heredoc attribute with its run, as fmt does, and keeps the heredoc body', async () => {
    const before = 'resource "a" "b" {\n  ami = "x"\n  user_data = <<-EOT\n    echo hi\n  EOT\n  tags = {}\n}\n';
    const formatted = await hclFormat(before);
    const out = edit(formatted, { insert: [{ name: 'instance_type', value: '"t3.micro"', afterName: 'ami' }] });
    expect(out).toContain('  user_data     = <<-EOT\n    echo hi\n  EOT\n');
    await expectFmtClean(out);
  });
});

describe('realign', () => {
  it('aligns = in runs of attributes and object elements as fmt does, and changes nothing else', async () => {
    const text = 'locals {\n  a = 1\n  long_name = {\n    dev = "x"\n    staging = null\n  }\n\n  b = 2 # note\n  cc = 3 # other\n}\n';
    const out = realign(text);
    expect(out).toBe(await hclFormat(text));
    expect(out).toBe('locals {\n  a = 1\n  long_name = {\n    dev     = "x"\n    staging = null\n  }\n\n  b  = 2 # note\n  cc = 3 # other\n}\n');
    expect(realign(out)).toBe(out);
  });
});

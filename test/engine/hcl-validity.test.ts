// HashiCorp's parser as the tool calls it (hclcheck/, hcl's hclsyntax.ParseConfig built for
// WebAssembly): the same verdicts before and after V8 optimises its hot functions; the same
// answers as @cdktf/hcl2json, which runs the same parser and is the tests' oracle; and a build of
// the modules go.mod pins.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkHcl } from '../../src/engine/hcl-validity.js';
import { projectRoot } from '../helpers.js';

const INVALID = 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs\n}\n';
const VALID = (i: number): string => `resource "aws_s3_bucket" "b${i}" {\n  bucket = "logs-${i}"\n  tags = {\n    Name = "logs-${i}"\n  }\n}\n`;

const hcl2json = createRequire(import.meta.url)('@cdktf/hcl2json') as { parse(name: string, text: string): Promise<unknown> };

/** The oracle's verdict, read from its `parse config: [a.tf:2,1-2: Summary; Detail. …]` error. */
async function oracle(name: string, text: string): Promise<{ line: number; column: number; message: string } | null> {
  try {
    await hcl2json.parse(name, text);
    return null;
  } catch (e) {
    const message = String((e as Error).message);
    const at = new RegExp(`${name.replace(/\./g, '\\.')}:(\\d+),(\\d+)(?:-(?:\\d+,)?\\d+)?: `, 'g');
    const first = at.exec(message);
    if (!first) throw new Error(`unexpected hcl2json error: ${message}`);
    const from = first.index + first[0].length;
    const next = at.exec(message);
    const text = message.slice(from, next ? next.index : undefined).trim().replace(/\]$/, '').trim();
    return { line: Number(first[1]), column: Number(first[2]), message: text.replace(/;\s*/, ': ') };
  }
}

// Inputs where parsers tend to differ: what tree-sitter-hcl gets wrong both ways (DESIGN.md),
// newer syntax, and unusual text.
const CASES: Record<string, string> = {
  'multi-line quoted string': INVALID,
  'repeated argument': 'resource "aws_instance" "web" {\n  ami = "a"\n  ami = "b"\n}\n',
  'exponent number': 'locals {\n  big = 1e10\n}\n',
  'provider-defined function': 'locals {\n  arn = provider::aws::arn_parse("arn:aws:iam::123456789012:role/x")\n}\n',
  'unclosed block': 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n',
  'heredoc with interpolation': 'locals {\n  policy = <<-EOT\n    {"bucket": "${var.name}"}\n  EOT\n}\n',
  'unterminated heredoc': 'locals {\n  policy = <<EOT\n  text\n}\n',
  'non-ASCII and CRLF': 'locals {\r\n  greeting = "grüße – 日本"\r\n}\r\n',
  'stray token': 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16" )\n}\n',
  'legacy quoted type': 'variable "x" {\n  type = "string"\n}\n',
  'for and splat': 'output "ids" {\n  value = [for s in aws_subnet.private[*] : s.id if s.map_public_ip_on_launch]\n}\n',
  'attribute in place of block label': 'resource aws_vpc main {\n  cidr_block = "10.0.0.0/16"\n}\n',
  'missing equals': 'locals {\n  a "b"\n}\n',
};

describe('checkHcl', () => {
  it('judges alike before and after V8 optimises its hot functions', async () => {
    const early = await checkHcl('early.tf', INVALID);
    expect(early).toMatchObject({ line: 2 });
    expect(await checkHcl('early.tf', VALID(0))).toBeNull();
    // Enough checking for V8 to optimise the parser's hot functions (under the tests, V8's
    // default tiering budget), in distinct texts (verdicts are kept by content).
    let text = '';
    for (let i = 1; text.length < 400_000; i++) text += VALID(i);
    expect(await checkHcl('big.tf', text)).toBeNull();
    // Another text than early's (verdicts are kept by content), with the same first error.
    const late = await checkHcl('late.tf', `${INVALID}# checked late\n`);
    expect(late).toEqual(early);
    expect(await checkHcl('late.tf', VALID(-1))).toBeNull();
  });

  it.each(Object.entries(CASES))('answers as @cdktf/hcl2json does: %s', async (_, text) => {
    expect(await checkHcl('case.tf', text)).toEqual(await oracle('case.tf', text));
  });

  it('says where and why, in the first error', async () => {
    expect(await checkHcl('main.tf', INVALID)).toEqual({
      line: 2,
      column: 17,
      message: 'Invalid multi-line string: Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.',
    });
    expect(await checkHcl('main.tf', CASES['exponent number']!)).toBeNull();
    expect(await checkHcl('main.tf', CASES['provider-defined function']!)).toBeNull();
  });

  it('leaves nothing behind that keeps the process alive', () => {
    // Go's runtime asks for timers (its garbage collector's background work, up to a second
    // ahead); a run that had ended waited for them. Checks big enough for Go to collect, in a
    // process of its own (the built module), then what still holds its event loop.
    const built = pathToFileURL(`${projectRoot}/dist/src/engine/hcl-validity.js`).href;
    const script = `
      const { checkHcl } = await import(${JSON.stringify(built)});
      let text = '';
      for (let i = 0; i < 20000; i++) text += 'resource "aws_s3_bucket" "b' + i + '" {\\n  bucket = "b-' + i + '"\\n}\\n';
      for (let k = 0; k < 3; k++) if (await checkHcl('main.tf', text + '# ' + k + '\\n')) throw new Error('invalid');
      console.log(JSON.stringify(process.getActiveResourcesInfo()));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).not.toContain('Timeout');
  }, 60_000);

  it('runs a build of exactly the modules go.mod pins', () => {
    const gomod = readFileSync(new URL('../../hclcheck/go.mod', import.meta.url), 'utf8');
    const pinned = [...gomod.matchAll(/^\t(\S+) (v\S+)$/gm)].map((m) => `${m[1]} ${m[2]}`).sort();
    expect(pinned).toContain('github.com/hashicorp/hcl/v2 v2.23.0');
    const wasm = readFileSync(new URL('../../hclcheck/hclcheck.wasm', import.meta.url)).toString('latin1');
    // Go records the modules it compiled in as "dep\t<module>\t<version>" lines.
    const built = [...wasm.matchAll(/\ndep\t(\S+)\t(v\S+)/g)].map((m) => `${m[1]} ${m[2]}`).sort();
    expect(built).toEqual(pinned);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { attributeValue, attributesOf, bodyOf } from '../../src/cst/nodes.js';
import { initParser, parseHcl } from '../../src/cst/parser.js';
import { Env } from '../../src/render/env.js';
import { evaluate } from '../../src/render/evaluate.js';
import { FUNCTIONS } from '../../src/render/functions.js';
import { canonical, EvalError, isSensitive, markSensitive, str, type Value } from '../../src/render/value.js';

beforeAll(initParser);

/** Evaluates `x = <expr>` with the given variables and locals. */
function ev(expr: string, vars: Record<string, Value> = {}): Value {
  const text = `x = ${expr}\n`;
  const tree = parseHcl(text);
  try {
    const env = Env.root({
      workspace: 'staging',
      variable: (name) => vars[name] ?? { t: 'unknown', source: `var.${name}` },
      local: (name) => {
        throw new EvalError(`no local ${name}`);
      },
      reference: (root, steps) => ({ t: 'ref', workspace: 'staging', address: `${root}.${(steps[0] as { name: string }).name}`, path: steps.slice(1).map((s) => (s.kind === 'attr' ? s.name : 'index')) }) as Value,
      functions: FUNCTIONS,
      fnContext: { readFile: () => null },
    });
    return evaluate(attributeValue(attributesOf(bodyOf(tree.rootNode))[0]!)!, env, text);
  } finally {
    tree.delete();
  }
}
const c = (expr: string, vars?: Record<string, Value>): string => canonical(ev(expr, vars));

describe('evaluate', () => {
  it('literals, collections, index and attribute access', () => {
    expect(c('[1, "a", true, null]')).toBe('[1, "a", true, null]');
    expect(c('{ b = 2, "a" = 1 }')).toBe('{"a" = 1, "b" = 2}');
    expect(c('{ a = { b = [10, 20] } }.a.b[1]')).toBe('20');
    expect(c('[1, 2, 3][0]')).toBe('1');
    expect(c('{ (var.k) = 1 }', { k: str('dyn') })).toBe('{"dyn" = 1}');
  });

  it('operators with Terraform\'s conversions', () => {
    expect(c('1 + 2 * 3')).toBe('7');
    expect(c('(1 + 2) * 3')).toBe('9');
    expect(c('"2" + 3')).toBe('5');
    expect(c('7 % 4 != 0 && !false')).toBe('true');
    expect(c('1 - -2')).toBe('3');
    expect(c('"a" == "a"')).toBe('true');
    expect(() => ev('1 / 0')).toThrow(EvalError);
  });

  it('groups chained conditionals the way HCL does, not the way tree-sitter parses them', () => {
    const pick = (ws: string) => c(`terraform.workspace == "prod" ? "big" : terraform.workspace == "${ws}" ? "medium" : "small"`);
    expect(pick('staging')).toBe('"medium"');
    expect(pick('dev')).toBe('"small"');
    expect(c('true ? 1 : false ? 2 : 3')).toBe('1');
    expect(c('false ? 1 : true ? 2 : 3')).toBe('2');
    expect(c('false ? 1 : false ? 2 : 3')).toBe('3');
    expect(c('(false ? true : false) ? 1 : 2')).toBe('2');
  });

  it('terraform.workspace, path.module and variables', () => {
    expect(c('"${terraform.workspace}-vpc"')).toBe('"staging-vpc"');
    expect(c('path.module')).toBe('"."');
    expect(c('var.n * 2', { n: { t: 'number', v: 4 } })).toBe('8');
  });

  it('templates: interpolation-only keeps the value, directives, strip markers, indented heredocs', () => {
    expect(c('"${[1, 2]}"')).toBe('[1, 2]');
    expect(c('"n=${1 + 1}"')).toBe('"n=2"');
    expect(c('"%{if true}yes%{else}no%{endif}"')).toBe('"yes"');
    expect(c('"%{for i, v in ["a", "b"]}${i}=${v};%{endfor}"')).toBe('"0=a;1=b;"');
    expect(c('"a ${~ "b" ~} c"')).toBe('"abc"');
    expect(c('<<-EOT\n    line ${"one"}\n      two\n    EOT')).toBe(JSON.stringify('line one\n  two\n'));
    expect(c('<<EOT\n%{ for x in ["a", "b"] ~}\n- ${x}\n%{ endfor ~}\nEOT')).toBe(JSON.stringify('- a\n- b\n'));
  });

  it('for expressions over lists and maps, with conditions and grouping', () => {
    expect(c('[for v in [1, 2, 3] : v * 2 if v != 2]')).toBe('[2, 6]');
    expect(c('{for k, v in { b = 1, a = 2 } : v => k}')).toBe('{"1" = "b", "2" = "a"}');
    expect(c('{for s in ["a", "b", "a"] : s => s...}')).toBe('{"a" = ["a", "a"], "b" = ["b"]}');
    expect(() => ev('{for s in ["a", "a"] : s => s}')).toThrow(/Duplicate/);
  });

  it('splats', () => {
    expect(c('[{ id = 1 }, { id = 2 }][*].id')).toBe('[1, 2]');
    expect(c('{ id = 3 }[*].id')).toBe('[3]');
    expect(c('null[*].id')).toBe('[]');
  });

  it('functions, try and can', () => {
    expect(c('merge({ a = 1 }, { b = 2 })')).toBe('{"a" = 1, "b" = 2}');
    expect(c('try({ a = 1 }.b, "fallback")')).toBe('"fallback"');
    expect(c('can({ a = 1 }.b)')).toBe('false');
    expect(c('concat([1], [2, 3]...)')).toBe('[1, 2, 3]');
    expect(ev('no_such_function(1)')).toEqual({ t: 'unknown', source: 'no_such_function(1)' });
  });

  it('keeps references symbolic and unknowns as their source text', () => {
    expect(c('aws_vpc.main.id')).toBe('staging:aws_vpc.main.id');
    expect(c('"${aws_vpc.main.id}-x"')).toBe('template(staging:aws_vpc.main.id, "-x")');
    expect(c('var.missing')).toBe('(unknown: var.missing)');
    expect(c('upper(var.missing)')).toMatch(/^upper\(\(unknown: var\.missing\)\)$/);
  });

  it('propagates sensitivity', () => {
    const v = ev('"prefix-${var.pw}"', { pw: markSensitive(str('hunter2')) });
    expect(isSensitive(v)).toBe(true);
    expect(canonical(v)).toBe('"prefix-hunter2"');
  });
});

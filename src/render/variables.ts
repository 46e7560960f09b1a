// Variable values from .tfvars files and `-var`, in Terraform's precedence: terraform.tfvars,
// then *.auto.tfvars in lexical order, then -var-file and -var in the order given (later wins).
import { attributeName, attributeValue, attributesOf, bodyOf } from '../cst/nodes.js';
import { parseHcl, syntaxProblems } from '../cst/parser.js';
import { Env } from './env.js';
import { evaluate } from './evaluate.js';
import { FUNCTIONS } from './functions.js';
import { EvalError, str, type Value } from './value.js';

/** Evaluates a .tfvars file: constant expressions only (no references). */
export function readVarFile(text: string, name: string): Map<string, Value> {
  const tree = parseHcl(text);
  try {
    const problem = syntaxProblems(tree, text, 1)[0];
    if (problem) throw new EvalError(`${name}:${problem.line}:${problem.column}: ${problem.message}`);
    const env = Env.root({
      workspace: 'default',
      variable: () => {
        throw new EvalError(`${name}: variables may not be used here`);
      },
      local: () => {
        throw new EvalError(`${name}: local values may not be used here`);
      },
      reference: (_root, _steps, source) => {
        throw new EvalError(`${name}: ${source}: references may not be used here`);
      },
      functions: FUNCTIONS,
      fnContext: { readFile: () => null },
    });
    const out = new Map<string, Value>();
    for (const attr of attributesOf(bodyOf(tree.rootNode))) out.set(attributeName(attr), evaluate(attributeValue(attr)!, env, text));
    return out;
  } finally {
    tree.delete();
  }
}

/** `-var 'name=value'`: the value is a string unless it is written as a list or object. */
export function parseVarFlag(flag: string): [string, Value] {
  const at = flag.indexOf('=');
  if (at <= 0) throw new EvalError(`-var takes name=value, got "${flag}"`);
  const name = flag.slice(0, at).trim();
  const raw = flag.slice(at + 1);
  if (/^\s*[[{]/.test(raw)) {
    const values = readVarFile(`${name} = ${raw}\n`, '-var');
    return [name, values.get(name)!];
  }
  return [name, str(raw)];
}

/** The .tfvars files Terraform loads by itself from a module directory, in order. */
export function automaticVarFiles(names: readonly string[]): string[] {
  const auto = names.filter((n) => n.endsWith('.auto.tfvars')).sort();
  return [...(names.includes('terraform.tfvars') ? ['terraform.tfvars'] : []), ...auto];
}

// Planning for extract-secrets: find literal secrets, name their variables, find the outputs
// that expose them. Read-only.
import { attributeName, attributeOf, attributeValue, boolValue, itemsOf, objectElements, stringValue, walk } from '../src/cst/nodes.js';
import type { Node } from '../src/cst/parser.js';
import { literalValue, readTemplate } from '../src/cst/strings.js';
import type { ModuleView, TransformContext } from '../src/engine/transform.js';
import { ignores } from '../src/terraform/ignore-directive.js';
import type { BlockRef, SourceFile } from '../src/terraform/module-index.js';
import { referenceOf, traversalsIn } from '../src/terraform/references.js';
import { isSecretName, mentionsSecretName } from '../src/terraform/secret-names.js';

export const ID = 'extract-secrets';

/** A literal piece of source text that moves into a variable. */
export interface Piece {
  start: number;
  end: number;
  value: string;
  variable: string;
  /** Replace with `var.x` (a whole string) or `${var.x}` (a literal inside a template). */
  form: 'expression' | 'interpolation';
}

export interface Secret {
  file: SourceFile;
  owner: BlockRef;
  /** Where it is, for titles and messages: `aws_db_instance.main.password`. */
  label: string;
  node: Node;
  kind: 'argument' | 'default' | 'provider';
  pieces: Piece[];
  /** How other code reads it (`aws_db_instance.main.password`), for top-level resource arguments. */
  exposedAs: string | null;
}

export interface OutputFix {
  block: BlockRef;
  name: string;
  /** The secrets its value reaches: new variables (`var.x`) and resource attributes, through locals. */
  reaches: string[];
  /** The existing `sensitive = false`, if any. */
  sensitiveFalse: Node | null;
}

export interface Plan {
  secrets: Secret[];
  outputs: OutputFix[];
  variablesFile: string;
}

function sanitize(name: string): string {
  const s = name.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/_+/g, '_').replace(/^_|_$/g, '');
  return /^[a-z_]/.test(s) ? s : `v_${s}`;
}

/** Where one block's secrets are: nested blocks and object keys add to the name. */
function collect(
  block: BlockRef,
  body: Node | null,
  path: string[],
  extra: readonly string[],
  found: (node: Node, value: Node, name: string[], label: string) => void,
): void {
  const labelOf = (name: string[]) => [ownerLabel(block), ...name].join('.');
  for (const item of itemsOf(body)) {
    if (item.type === 'block') {
      const type = item.namedChild(0)?.text ?? '';
      const kids = item.namedChildren.filter((c): c is Node => c !== null);
      const inner = kids.find((c) => c.type === 'body') ?? null;
      if (type === 'dynamic') {
        const label = kids.find((c) => c.type === 'string_lit');
        const content = itemsOf(inner).find((c) => c.type === 'block' && c.namedChild(0)?.text === 'content');
        const contentBody = content?.namedChildren.find((c) => c?.type === 'body') ?? null;
        collect(block, contentBody, [...path, label ? (stringValue(label, block.file.text) ?? 'dynamic') : 'dynamic'], extra, found);
      } else if (type !== 'lifecycle') {
        collect(block, inner, [...path, type], extra, found);
      }
      continue;
    }
    const name = attributeName(item);
    const value = attributeValue(item);
    if (!value) continue;
    if (isSecretName(name, extra) || isSecureSsmValue(block, path, name)) {
      found(item, value, [...path, name], labelOf([...path, name]));
      continue;
    }
    if (block.file.text[value.startIndex] !== '{') continue;
    for (const e of objectElements(value, block.file.text)) {
      if (isSecretName(e.key, extra)) found(e.elem, e.value, [...path, name, e.key], `${labelOf([...path, name])}["${e.key}"]`);
    }
  }
}

/**
 * True when an expression holds a string literal with non-blank text as a value (a conditional
 * branch, a list or object element); arguments of function calls and index keys do not count.
 */
function containsLiteralText(expr: Node, text: string): boolean {
  let found = false;
  walk(expr, (n) => {
    if (found || n.type === 'function_call' || n.type === 'index' || n.type === 'new_index') return false;
    if (n.type === 'string_lit' || n.type === 'quoted_template' || n.type === 'heredoc_template') {
      const t = readTemplate(n, text);
      found = t !== null && t.parts.some((p) => p.kind === 'literal' && p.value.trim() !== '');
      return false;
    }
    return true;
  });
  return found;
}

function isSecureSsmValue(block: BlockRef, path: string[], name: string): boolean {
  if (block.type !== 'resource' || block.labels[0] !== 'aws_ssm_parameter' || path.length > 0 || name !== 'value') return false;
  const type = attributeOf(block.body, 'type');
  const v = type && attributeValue(type);
  return v !== null && stringValue(v, block.file.text) === 'SecureString';
}

function ownerLabel(b: BlockRef): string {
  switch (b.type) {
    case 'resource':
      return `${b.labels[0]}.${b.labels[1]}`;
    case 'data':
      return `data.${b.labels[0]}.${b.labels[1]}`;
    case 'module':
      return `module.${b.labels[0]}`;
    case 'provider': {
      const alias = attributeOf(b.body, 'alias');
      const v = alias && attributeValue(alias);
      const a = v ? stringValue(v, b.file.text) : null;
      return a ? `provider ${b.labels[0]}.${a}` : `provider ${b.labels[0]}`;
    }
    case 'locals':
      return 'local';
    default:
      return `${b.type}.${b.labels.join('.')}`;
  }
}

/** The variable name a secret's value moves into. */
function baseName(b: BlockRef, name: string[]): string {
  switch (b.type) {
    case 'resource':
    case 'data':
      return sanitize([b.labels[1] ?? '', ...name].join('_'));
    case 'module':
      return sanitize([b.labels[0] ?? '', ...name].join('_'));
    case 'provider': {
      const alias = attributeOf(b.body, 'alias');
      const v = alias && attributeValue(alias);
      const a = v ? stringValue(v, b.file.text) : null;
      return sanitize([b.labels[0] ?? '', ...(a ? [a] : []), ...name].join('_'));
    }
    default:
      return sanitize(name.join('_'));
  }
}

export function planSecrets(module: ModuleView, ctx: TransformContext): Plan | null {
  const extra = (ctx.options.names as string[] | undefined) ?? [];
  if (!module.files.some((f) => mentionsSecretName(f.text, extra))) return null;
  const taken = new Set(module.index.variables.keys());
  const unique = (base: string): string => {
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    return name;
  };
  const secrets: Secret[] = [];

  const consider = (owner: BlockRef, node: Node, value: Node, name: string[], label: string, kind: Secret['kind']): void => {
    const t = readTemplate(value, owner.file.text);
    const at = { file: owner.file, node };
    if (!t) {
      if (containsLiteralText(value, owner.file.text)) {
        ctx.finding('warning', `${label} holds literal strings inside an expression; not extracted automatically: move them into sensitive variables by hand, and rotate them`, at);
      }
      return;
    }
    if (t.parts.some((p) => p.kind === 'directive')) {
      ctx.finding('warning', `${label} looks like a hardcoded secret inside a template directive; not extracted, review it by hand`, at);
      return;
    }
    const whole = literalValue(t);
    const literals = t.parts.filter((p) => p.kind === 'literal' && p.value.trim() !== '');
    if (whole === null && t.kind === 'heredoc') {
      if (literals.length > 0) ctx.finding('warning', `${label} is a heredoc mixing secret text and interpolation; not extracted, review it by hand`, at);
      return;
    }
    if (whole !== null && whole.trim() === '') return;
    if (literals.length === 0) return;
    if (!module.isRoot) {
      ctx.finding('warning', `${label} is a hardcoded secret in a child module: not extracted (secrets are not threaded through module calls); make it a sensitive variable passed from the root module, and rotate it`, at);
      return;
    }
    const base = kind === 'default' ? name[0]! : baseName(owner, name);
    let pieces: Piece[];
    if (whole !== null) {
      pieces = [{ start: t.start, end: t.end, value: whole, variable: kind === 'default' ? base : unique(base), form: 'expression' }];
    } else {
      pieces = literals.map((p, i) => ({
        start: p.start,
        end: p.end,
        value: p.kind === 'literal' ? p.value : '',
        variable: unique(literals.length === 1 ? base : `${base}_part${i + 1}`),
        form: 'interpolation' as const,
      }));
    }
    const address = owner.type === 'resource' ? `${owner.labels[0]}.${owner.labels[1]}` : owner.type === 'data' ? `data.${owner.labels[0]}.${owner.labels[1]}` : null;
    const exposedAs = address && name.length === 1 ? `${address}.${name[0]}` : null;
    secrets.push({ file: owner.file, owner, label, node, kind, pieces, exposedAs });
  };

  for (const b of module.index.blocks) {
    if (ignores(b.ignore, ID)) continue;
    if (b.type === 'variable') {
      const name = b.labels[0];
      const def = attributeOf(b.body, 'default');
      const value = def && attributeValue(def);
      if (name && value && isSecretName(name, extra)) consider(b, def, value, [name], `variable ${name} (default)`, 'default');
    } else if (b.type === 'locals') {
      for (const item of itemsOf(b.body)) {
        const value = item.type === 'attribute' ? attributeValue(item) : null;
        if (value && isSecretName(attributeName(item), extra)) consider(b, item, value, [attributeName(item)], `local.${attributeName(item)}`, 'argument');
      }
    } else if (['resource', 'data', 'module', 'provider'].includes(b.type) && mentionsSecretName(b.file.text.slice(b.node.startIndex, b.node.endIndex), extra)) {
      collect(b, b.body, [], extra, (node, value, name, label) => consider(b, node, value, name, label, b.type === 'provider' ? 'provider' : 'argument'));
    }
  }
  if (secrets.length === 0) return null;
  return { secrets, outputs: module.isRoot ? exposingOutputs(module, secrets) : [], variablesFile: variablesFile(module) };
}

/** Outputs of the module whose value reaches an extracted secret, and are not yet sensitive. */
function exposingOutputs(module: ModuleView, secrets: Secret[]): OutputFix[] {
  const variables = new Set(secrets.flatMap((s) => s.pieces.map((p) => p.variable)));
  const attributes = new Set(secrets.map((s) => s.exposedAs).filter((a): a is string => a !== null));
  // Locals that reach a secret (the secrets they reach), to a fixed point; a local whose own
  // literal value is extracted reaches its new variable.
  const reaching = new Map<string, string[]>();
  for (const s of secrets) {
    if (s.owner.type === 'locals') reaching.set(s.label.replace(/^local\./, ''), s.pieces.map((p) => `var.${p.variable}`));
  }
  const reachOf = (node: Node, text: string): string[] => {
    const out: string[] = [];
    for (const t of traversalsIn(node, text)) {
      const r = referenceOf(t);
      if (r.kind === 'variable' && variables.has(r.name)) out.push(`var.${r.name}`);
      else if (r.kind === 'local' && reaching.has(r.name)) out.push(...reaching.get(r.name)!);
      else if (r.kind === 'resource' || r.kind === 'data') {
        const a = `${r.address}.${String(t.steps[r.kind === 'data' ? 2 : 1])}`;
        if (attributes.has(a)) out.push(a);
      }
    }
    return [...new Set(out)];
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const l of module.index.locals.values()) {
      if (reaching.has(l.name)) continue;
      const value = attributeValue(l.attr);
      const r = value ? reachOf(value, l.block.file.text) : [];
      if (r.length > 0) {
        reaching.set(l.name, r);
        changed = true;
      }
    }
  }
  const fixes: OutputFix[] = [];
  for (const [name, block] of module.index.outputs) {
    if (ignores(block.ignore, ID)) continue;
    const value = attributeOf(block.body, 'value');
    const expr = value && attributeValue(value);
    if (!expr) continue;
    const reaches = reachOf(expr, block.file.text);
    if (reaches.length === 0) continue;
    const sensitive = attributeOf(block.body, 'sensitive');
    const sv = sensitive && attributeValue(sensitive);
    if (sv && boolValue(sv) === true) continue;
    fixes.push({ block, name, reaches, sensitiveFalse: sv ?? null });
  }
  return fixes;
}

/** variables.tf, else the file that already holds the most variables, else variables.tf. */
function variablesFile(module: ModuleView): string {
  if (module.file('variables.tf')) return 'variables.tf';
  const counts = new Map<string, number>();
  for (const v of module.index.variables.values()) counts.set(v.file.name, (counts.get(v.file.name) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return best ? best[0] : 'variables.tf';
}

// Rendering a module for one workspace: variables, locals, and every resource, data source and
// module call expanded into instances (`count`, `for_each`, `dynamic` blocks), with arguments as
// values. This is what `terraform plan` would compare against state, minus the provider.
import { attributeName, attributeOf, attributeValue, blockLabels, blockType, bodyOf, itemsOf } from '../cst/nodes.js';
import type { Node } from '../cst/parser.js';
import type { BlockRef, ModuleIndex } from '../terraform/module-index.js';
import { referenceOf, traversalsIn } from '../terraform/references.js';
import { isSecretName } from '../terraform/secret-names.js';
import { Env, type Globals, type Step } from './env.js';
import { applySteps, evaluate } from './evaluate.js';
import { FUNCTIONS } from './functions.js';
import { ConversionError, convert } from './functions/types.js';
import { typeConstraint } from './type-constraint.js';
import { EvalError, markSensitive, num, str, unknown, type FunctionContext, type Value } from './value.js';

export interface Body {
  attrs: Map<string, Value>;
  blocks: { type: string; body: Body }[];
}

export interface Instance {
  address: string;
  mode: 'managed' | 'data' | 'module';
  body: Body;
  /** The provider configuration's arguments (managed and data), as a body. */
  provider: Body | null;
  lifecycle: Map<string, Value>;
  block: BlockRef;
}

export interface Rendered {
  workspace: string;
  instances: Map<string, Instance>;
  outputs: Map<string, Value>;
  /** The managed resources and module calls each output's expression refers to. */
  outputRefs: Map<string, string[]>;
  /** What could not be rendered (a count that is not known, an error Terraform would report). */
  problems: string[];
}

export interface RenderOptions {
  workspace: string;
  /** Variable values from var files and the command line, in precedence order (later wins). */
  variables: Map<string, Value>;
  readFile: FunctionContext['readFile'];
}

const META = new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle']);
const MODULE_META = new Set(['count', 'for_each', 'providers', 'depends_on']);
const SKIPPED_BLOCKS = new Set(['lifecycle', 'provisioner', 'connection']);

const keyText = (k: string | number): string => (typeof k === 'number' ? `[${k}]` : `[${JSON.stringify(k)}]`);

export function renderModule(index: ModuleIndex, opts: RenderOptions): Rendered {
  return new Renderer(index, opts).render();
}

class Renderer {
  private readonly problems: string[] = [];
  private readonly locals = new Map<string, Value | 'pending'>();
  private readonly expanded = new Map<string, Map<string | number | null, Instance> | 'pending'>();
  private readonly env: Env;

  constructor(
    private readonly index: ModuleIndex,
    private readonly opts: RenderOptions,
  ) {
    const globals: Globals = {
      workspace: opts.workspace,
      variable: (name) => this.variable(name),
      local: (name) => this.local(name),
      reference: (root, steps, source) => this.reference(root, steps, source),
      functions: FUNCTIONS,
      fnContext: { readFile: opts.readFile },
    };
    this.env = Env.root(globals);
  }

  render(): Rendered {
    const instances = new Map<string, Instance>();
    for (const b of this.index.blocks) {
      const base = blockBase(b);
      if (!base) continue;
      const expanded = this.expand(base, b);
      for (const [key, inst] of expanded) instances.set(key === null ? base : `${base}${keyText(key)}`, inst);
    }
    const outputs = new Map<string, Value>();
    const outputRefs = new Map<string, string[]>();
    for (const [name, b] of this.index.outputs) {
      const value = attributeOf(b.body, 'value');
      const expr = value && attributeValue(value);
      if (!expr) continue;
      outputRefs.set(
        name,
        traversalsIn(expr, b.file.text)
          .map((t) => referenceOf(t))
          .flatMap((r) => (r.kind === 'resource' ? [r.address] : r.kind === 'module' ? [`module.${r.name}`] : [])),
      );
      const sensitive = attributeOf(b.body, 'sensitive');
      let v = this.attempt(expr, this.env, b.file.text, `output ${name}`);
      if (sensitive && attributeValue(sensitive)?.text === 'true') v = markSensitive(v);
      outputs.set(name, v);
    }
    return { workspace: this.opts.workspace, instances, outputs, outputRefs, problems: this.problems };
  }

  /**
   * An expression Terraform would reject becomes an unknown carrying the error, compared like
   * any unknown: the same error on both sides is no difference.
   */
  private attempt(expr: Node, env: Env, text: string, where: string): Value {
    try {
      return evaluate(expr, env, text);
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      return unknown(`error in ${where}: ${e.message}`);
    }
  }

  private variable(name: string): Value {
    const b = this.index.variables.get(name);
    let v = this.opts.variables.get(name);
    if (v === undefined && b) {
      const def = attributeOf(b.body, 'default');
      const expr = def && attributeValue(def);
      if (expr) v = this.attempt(expr, this.env, b.file.text, `variable ${name}`);
    }
    v ??= unknown(`var.${name}`);
    // Terraform converts the value to the declared type before anything uses it.
    const typeAttr = b && attributeOf(b.body, 'type');
    const type = typeAttr && attributeValue(typeAttr) && typeConstraint(attributeValue(typeAttr)!, b.file.text);
    if (type) {
      try {
        v = convert(v, type);
      } catch (e) {
        if (!(e instanceof ConversionError)) throw e;
        v = unknown(`error in variable ${name}: Invalid value for input variable: ${e.message}`);
      }
    }
    const sensitive = b && attributeOf(b.body, 'sensitive');
    return sensitive && attributeValue(sensitive)?.text === 'true' ? markSensitive(v) : v;
  }

  private local(name: string): Value {
    const known = this.locals.get(name);
    if (known === 'pending') throw new EvalError(`local.${name} refers to itself`);
    if (known !== undefined) return known;
    const l = this.index.locals.get(name);
    if (!l) throw new EvalError(`no local value named ${name}`);
    this.locals.set(name, 'pending');
    const v = this.attempt(attributeValue(l.attr)!, this.env, l.block.file.text, `local.${name}`);
    this.locals.set(name, v);
    return v;
  }

  /** Instances of a block by key (null for a block without count/for_each). */
  private expand(base: string, b: BlockRef): Map<string | number | null, Instance> {
    const done = this.expanded.get(base);
    if (done === 'pending') throw new EvalError(`${base} depends on itself`);
    if (done) return done;
    this.expanded.set(base, 'pending');
    const out = new Map<string | number | null, Instance>();
    const text = b.file.text;
    const count = attributeOf(b.body, 'count');
    const forEach = attributeOf(b.body, 'for_each');
    try {
      if (count) {
        const n = this.attempt(attributeValue(count)!, this.env, text, `${base}.count`);
        if (n.t !== 'number') throw new EvalError(`count of ${base} is not known (${display(n)})`);
        for (let i = 0; i < n.v; i++) out.set(i, this.instance(base, b, this.env.with([['count', { t: 'map', entries: new Map([['index', num(i)]]) }]])));
      } else if (forEach) {
        const coll = this.attempt(attributeValue(forEach)!, this.env, text, `${base}.for_each`);
        let pairs: [string, Value][];
        if (coll.t === 'map') pairs = [...coll.entries];
        else if (coll.t === 'set' || coll.t === 'list') pairs = coll.items.map((v) => [v.t === 'string' ? v.v : display(v), v]);
        else throw new EvalError(`for_each of ${base} is not known (${display(coll)})`);
        for (const [k, v] of pairs) out.set(k, this.instance(base, b, this.env.with([['each', { t: 'map', entries: new Map([['key', str(k)], ['value', v]]) }]])));
      } else {
        out.set(null, this.instance(base, b, this.env));
      }
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      this.problems.push(`${base}: ${e.message}`);
    }
    this.expanded.set(base, out);
    return out;
  }

  private instance(base: string, b: BlockRef, env: Env): Instance {
    const mode = b.type === 'resource' ? 'managed' : b.type === 'data' ? 'data' : 'module';
    const skip = mode === 'module' ? MODULE_META : META;
    const lifecycle = new Map<string, Value>();
    const lc = itemsOf(b.body).find((i) => i.type === 'block' && blockType(i) === 'lifecycle');
    for (const a of lc ? itemsOf(bodyOf(lc)) : []) {
      if (a.type !== 'attribute') continue;
      const name = attributeName(a);
      // ignore_changes names attributes: compared as the text of the names.
      lifecycle.set(name, name === 'ignore_changes' ? str(attributeValue(a)!.text.replace(/\s+/g, '')) : this.attempt(attributeValue(a)!, env, b.file.text, `${base}.lifecycle.${name}`));
    }
    return {
      address: base,
      mode,
      body: this.body(b.body, env, b.file.text, base, skip),
      provider: mode === 'module' ? null : this.providerOf(b),
      lifecycle,
      block: b,
    };
  }

  private body(body: Node | null, env: Env, text: string, where: string, skip: ReadonlySet<string> = new Set()): Body {
    const attrs = new Map<string, Value>();
    const blocks: Body['blocks'] = [];
    for (const item of itemsOf(body)) {
      if (item.type === 'attribute') {
        const name = attributeName(item);
        if (skip.has(name)) continue;
        let v = this.attempt(attributeValue(item)!, env, text, `${where}.${name}`);
        if (v.t === 'null') continue;
        if (isSecretName(name)) v = markSensitive(v);
        attrs.set(name, v);
        continue;
      }
      const type = blockType(item);
      if (SKIPPED_BLOCKS.has(type)) continue;
      if (type === 'dynamic') blocks.push(...this.dynamic(item, env, text, where));
      else blocks.push({ type, body: this.body(bodyOf(item), env, text, `${where}.${type}`) });
    }
    return { attrs, blocks };
  }

  /** `dynamic "x" { for_each = ...; content { ... } }` into the blocks it produces. */
  private dynamic(item: Node, env: Env, text: string, where: string): Body['blocks'] {
    const type = blockLabels(item, text)[0] ?? '';
    const body = bodyOf(item);
    const forEach = attributeOf(body, 'for_each');
    const iterator = attributeOf(body, 'iterator');
    const name = iterator ? attributeValue(iterator)!.text : type;
    const content = itemsOf(body).find((i) => i.type === 'block' && blockType(i) === 'content');
    if (!forEach || !content) return [];
    const coll = this.attempt(attributeValue(forEach)!, env, text, `${where}.dynamic.${type}`);
    let pairs: [Value, Value][];
    if (coll.t === 'list') pairs = coll.items.map((v, i) => [num(i), v]);
    else if (coll.t === 'set') pairs = coll.items.map((v) => [v, v]);
    else if (coll.t === 'map') pairs = [...coll.entries.keys()].sort().map((k) => [str(k), coll.entries.get(k)!]);
    else {
      this.problems.push(`${where}: dynamic "${type}" iterates over a value that is not known (${display(coll)})`);
      return [{ type, body: { attrs: new Map([['(dynamic)', coll]]), blocks: [] } }];
    }
    return pairs.map(([k, v]) => ({
      type,
      body: this.body(bodyOf(content), env.with([[name, { t: 'map', entries: new Map([['key', k], ['value', v]]) }]]), text, `${where}.${type}`),
    }));
  }

  private providerOf(b: BlockRef): Body {
    const meta = attributeOf(b.body, 'provider');
    const ref = meta ? attributeValue(meta)!.text.trim() : (b.labels[0] ?? '').split('_')[0]!;
    const [name, alias] = ref.split('.');
    const p = this.index.providers.find((x) => x.name === name && (x.alias ?? undefined) === alias);
    if (!p) return { attrs: new Map([['(implicit)', str(ref)]]), blocks: [] };
    return this.body(p.block.body, this.env, p.block.file.text, `provider ${ref}`, new Set(['alias']));
  }

  private reference(root: string, steps: Step[], source: string): Value {
    const ws = this.opts.workspace;
    let base: string;
    let rest: Step[];
    const name = (i: number): string | null => (steps[i]?.kind === 'attr' ? (steps[i] as { name: string }).name : null);
    if (root === 'data') {
      if (!name(0) || !name(1)) return unknown(source);
      base = `data.${name(0)}.${name(1)}`;
      rest = steps.slice(2);
    } else if (root === 'module') {
      if (!name(0)) return unknown(source);
      base = `module.${name(0)}`;
      rest = steps.slice(1);
    } else {
      if (!name(0)) return unknown(source);
      base = `${root}.${name(0)}`;
      rest = steps.slice(1);
    }
    const block = this.index.blocks.find((b) => blockBase(b) === base);
    if (!block) throw new EvalError(`Reference to undeclared ${root === 'module' ? 'module' : 'resource'} ${base}`);
    const instances = this.expand(base, block);
    const keyed = attributeOf(block.body, 'count') !== null || attributeOf(block.body, 'for_each') !== null;
    let address = base;
    let instance = instances.get(null);
    if (keyed) {
      const first = rest[0];
      if (first?.kind !== 'index' || (first.key.t !== 'string' && first.key.t !== 'number')) {
        return applySteps({ t: 'ref', workspace: ws, address: base, path: [] }, rest);
      }
      address = `${base}${keyText(first.key.v)}`;
      instance = instances.get(first.key.v);
      rest = rest.slice(1);
      if (!instance) throw new EvalError(`${address} is not an instance of ${base}`);
    }
    // An argument written in the configuration is what plan will have (a value, a reference or
    // an unknown); attributes the provider computes stay symbolic.
    const attr = rest[0]?.kind === 'attr' ? rest[0].name : null;
    const arg = attr !== null && instance && block.type !== 'module' ? instance.body.attrs.get(attr) : undefined;
    if (arg !== undefined) return applySteps(arg, rest.slice(1));
    return applySteps({ t: 'ref', workspace: ws, address, path: [] }, rest);
  }
}

function blockBase(b: BlockRef): string | null {
  const [a, c] = b.labels;
  if (b.type === 'resource' && a && c) return `${a}.${c}`;
  if (b.type === 'data' && a && c) return `data.${a}.${c}`;
  if (b.type === 'module' && a) return `module.${a}`;
  return null;
}

function display(v: Value): string {
  return v.t === 'unknown' ? v.source : v.t;
}


// What an expression can see: names bound by `for` expressions, dynamic blocks, `count` and
// `each`, and the module-level namespaces (var, local, terraform, path, resources, ...).
import type { FunctionContext, HclFunction, Value } from './value.js';

/** One step of a traversal after its root: `.name`, `[key]`, or a splat and what follows it. */
export type Step = { kind: 'attr'; name: string } | { kind: 'index'; key: Value } | { kind: 'splat'; rest: Step[] };

export interface Globals {
  workspace: string;
  variable(name: string): Value;
  local(name: string): Value;
  /** A reference rooted at a resource type, `data` or `module`; null when it names nothing. */
  reference(root: string, steps: Step[], source: string): Value;
  functions: ReadonlyMap<string, HclFunction>;
  fnContext: FunctionContext;
}

export class Env {
  private constructor(
    readonly globals: Globals,
    private readonly bindings: ReadonlyMap<string, Value>,
  ) {}

  static root(globals: Globals): Env {
    return new Env(globals, new Map());
  }

  /** A child scope with more names bound (for iterators, `count`, `each`). */
  with(names: Iterable<[string, Value]>): Env {
    return new Env(this.globals, new Map([...this.bindings, ...names]));
  }

  bound(name: string): Value | undefined {
    return this.bindings.get(name);
  }
}

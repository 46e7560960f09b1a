// Verifying one module: render the configuration before and after for every target workspace,
// with the state moves applied, and compare. Used by `tfcodemod verify` and by `--write`.
import { parseHcl } from '../cst/parser.js';
import { lineEndingOf } from '../cst/text.js';
import type { Effect, StateMove } from '../engine/types.js';
import { ModuleIndex, type SourceFile } from '../terraform/module-index.js';
import { declaredWorkspaces } from '../terraform/workspaces.js';
import { compare, type Difference } from './compare.js';
import { renderModule, type Rendered } from './render.js';
import { automaticVarFiles, readVarFile } from './variables.js';
import type { FunctionContext, Value } from './value.js';

export interface VarFile {
  /** Only for this workspace; null for all. */
  workspace: string | null;
  name: string;
  text: string;
}

export interface VerifyInput {
  /** Files of the module directory (by name) before and after. */
  before: ReadonlyMap<string, string>;
  after: ReadonlyMap<string, string>;
  moves: StateMove[];
  effects?: Effect[];
  workspaces?: string[];
  /** Var files given explicitly, applied after the module's own (terraform.tfvars, *.auto.tfvars). */
  varFiles?: VarFile[];
  vars?: [string, Value][];
  readFile?: FunctionContext['readFile'];
  allowUnknown?: boolean;
}

export interface VerifyResult {
  differences: Difference[];
  /** No difference that plan would act on (intended ones and data reads aside). */
  equivalent: boolean;
}

/** Differences that make a refactor fail. */
export function isFailure(d: Difference, allowUnknown = false): boolean {
  if (d.intended || d.action === 'read' || d.action === 'output added') return false;
  return d.action !== 'cannot judge' || !allowUnknown;
}

export function verifyModule(input: VerifyInput): VerifyResult {
  const sides = [parseSide(input.before), parseSide(input.after)];
  try {
    const render = (side: { index: ModuleIndex; texts: ReadonlyMap<string, string> }) => {
      const cache = new Map<string, Rendered>();
      return (workspace: string): Rendered => {
        let r = cache.get(workspace);
        if (!r) {
          r = renderModule(side.index, {
            workspace,
            variables: variablesFor(side.texts, workspace, input),
            readFile: input.readFile ?? (() => null),
          });
          cache.set(workspace, r);
        }
        return r;
      };
    };
    const differences = compare({
      before: render(sides[0]!),
      after: render(sides[1]!),
      moves: input.moves,
      ...(input.workspaces ? { workspaces: input.workspaces } : workspacesOf(sides[0]!.index, sides[1]!.index, input)),
      effects: input.effects ?? [],
    });
    return { differences, equivalent: !differences.some((d) => isFailure(d, input.allowUnknown)) };
  } finally {
    for (const s of sides) for (const f of s.index.files) f.tree.delete();
  }
}

/**
 * Without moves, a module split by workspace before and after is compared in every workspace it
 * declares (and those of the effects): in default it plans nothing, so comparing default proves
 * nothing.
 */
function workspacesOf(before: ModuleIndex, after: ModuleIndex, input: VerifyInput): { workspaces?: string[] } {
  const declared = input.moves.length === 0 && declaredWorkspaces(before) ? declaredWorkspaces(after) : null;
  return declared ? { workspaces: [...new Set([...declared, ...(input.effects ?? []).map((e) => e.workspace)])] } : {};
}

function parseSide(texts: ReadonlyMap<string, string>): { index: ModuleIndex; texts: ReadonlyMap<string, string> } {
  const files: SourceFile[] = [...texts]
    .filter(([name]) => name.endsWith('.tf'))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, text]) => ({ name, text, tree: parseHcl(text), eol: lineEndingOf(text) }));
  return { index: new ModuleIndex(files), texts };
}

function variablesFor(texts: ReadonlyMap<string, string>, workspace: string, input: VerifyInput): Map<string, Value> {
  const values = new Map<string, Value>();
  for (const name of automaticVarFiles([...texts.keys()])) for (const [k, v] of readVarFile(texts.get(name)!, name)) values.set(k, v);
  for (const f of input.varFiles ?? []) {
    if (f.workspace !== null && f.workspace !== workspace) continue;
    for (const [k, v] of readVarFile(f.text, f.name)) values.set(k, v);
  }
  for (const [k, v] of input.vars ?? []) values.set(k, v);
  return values;
}

// Runs the transforms over one module, in order, each on the result of the accepted changes of
// the ones before it. Synchronous and free of I/O: texts in, texts and changes out.
import { EditConflictError } from '../cst/edit.js';
import { parseHcl, reparseHcl, syntaxProblems, type Node, type Tree } from '../cst/parser.js';
import type { TextEdit } from '../cst/edit.js';
import { lineEndingOf } from '../cst/text.js';
import { ignoredRanges } from '../terraform/ignore-directive.js';
import { ModuleIndex, type SourceFile } from '../terraform/module-index.js';
import { secretLiterals } from '../terraform/secret-literals.js';
import { applyChanges } from './apply-change.js';
import { ChangeCollector, type ModuleView, type Transform } from './transform.js';
import type { Change, Finding, OptionValues } from './types.js';

export interface ModuleInput {
  /** Path from the tree root ('.' for the root itself). */
  path: string;
  isRoot: boolean;
  /** Original text of every loaded file of the module directory, by name. */
  files: ReadonlyMap<string, string>;
  isGitIgnored(name: string): boolean;
  /**
   * An index already built over the parsed `.tf` files: reused until a change is applied. The
   * runner takes ownership of its trees and deletes them.
   */
  index?: ModuleIndex;
}

export interface Decisions {
  /** Change ids the reviewer rejected; changes that require them are dropped too. */
  rejected: ReadonlySet<string>;
  /**
   * After a review: only these change ids may apply. A change the review never showed (one that
   * rejecting another made possible) is left out, never written unseen.
   */
  acceptedOnly?: ReadonlySet<string>;
  /** Transforms whose behaviour changes were asked for (a plain run applies refactors only). */
  behaviourFrom: ReadonlySet<string>;
}

export type ChangeStatus = 'applied' | 'rejected' | 'skipped';

/** A file as one change alone leaves it, from the text it was given. */
export interface FilePreview {
  file: string;
  before: string | null;
  after: string;
}

export interface ChangeRecord {
  change: Change;
  status: ChangeStatus;
  /** Why a change was not applied. */
  note?: string;
  /** With `previews`: the change's own effect on each file it touches, for review. */
  preview?: FilePreview[];
}

export interface ModuleError {
  file?: string;
  line?: number;
  column?: number;
  message: string;
}

export interface ModuleOutput {
  before: string | null;
  after: string;
  mode?: number;
  /**
   * For a changed `.tf` file: the ranges (in `after`) of the top-level items that hold every
   * change, for checking them alone; the text around them is unchanged, and so is every item
   * left out (its text is that of an item of `before`).
   */
  changedItems?: { start: number; end: number }[];
}

export interface ModuleRun {
  records: ChangeRecord[];
  /** Final text of every file that changed or was created. */
  outputs: Map<string, ModuleOutput>;
  findings: Finding[];
  errors: ModuleError[];
  /** Literal values of secret-like arguments in the module as read: masked in printed diffs. */
  secrets: string[];
}

export interface RunSettings {
  transforms: readonly Transform<unknown>[];
  options: ReadonlyMap<string, OptionValues>;
  facts: ReadonlyMap<string, unknown>;
  decisions: Decisions;
  /** Record each applied change's own effect on its files (the interactive review shows it). */
  previews?: boolean;
}

/** HCL files are parsed and re-checked after every edit; other files are plain text. */
export const isHclFile = (name: string): boolean => /\.(tf|tfvars|tfbackend)$/.test(name);

export function runModule(input: ModuleInput, settings: RunSettings): ModuleRun {
  const texts = new Map(input.files);
  const modes = new Map<string, number>();
  const parsed = new Map<string, SourceFile>();
  for (const f of input.index?.files ?? []) parsed.set(f.name, f);
  const outputs = new Map<string, ModuleOutput>();
  const records: ChangeRecord[] = [];
  const findings: Finding[] = [];
  const errors: ModuleError[] = [];
  const applied = new Set<string>();
  // The trees of the files as given (copies share their nodes): for the items a change left as
  // they were, and the secret values, at the end.
  const originalTrees = new Map<string, Tree>();
  for (const f of input.index?.files ?? []) if (f.text === input.files.get(f.name)) originalTrees.set(f.name, f.tree.copy());

  let index: ModuleIndex | null = input.index ?? null;
  const sourceFile = (name: string): SourceFile | undefined => {
    if (!name.endsWith('.tf')) return undefined;
    let f = parsed.get(name);
    const text = texts.get(name);
    if (text === undefined) return undefined;
    if (!f || f.text !== text) {
      f?.tree.delete();
      f = { name, text, tree: parseHcl(text), eol: lineEndingOf(text) };
      if (!originalTrees.has(name) && text === input.files.get(name)) originalTrees.set(name, f.tree.copy());
      parsed.set(name, f);
    }
    return f;
  };

  try {
    for (const transform of settings.transforms) {
      const tfNames = [...texts.keys()].filter((n) => n.endsWith('.tf')).sort();
      const files = tfNames.map((n) => sourceFile(n)!);
      if (!index || index.files.length !== files.length || index.files.some((f, i) => f !== files[i])) index = new ModuleIndex(files);
      const view: ModuleView = {
        path: input.path,
        isRoot: input.isRoot,
        files,
        index,
        file: (name) => (texts.has(name) ? sourceFile(name) : undefined),
        textOf: (name) => texts.get(name),
        isGitIgnored: (name) => input.isGitIgnored(name),
      };
      const ctx = new ChangeCollector(transform.id, settings.options.get(transform.id) ?? {}, settings.facts.get(transform.id));
      try {
        const plan = transform.plan(view, ctx);
        if (plan !== null) transform.apply(plan, view, ctx);
      } catch (e) {
        errors.push({ message: `internal error in transform ${transform.id}: ${(e as Error).message}` });
        continue;
      }
      findings.push(...ctx.findings);

      let candidates: Change[] = [];
      for (const change of ctx.changes) {
        const skip = skipReason(change, settings.decisions, view);
        if (skip) records.push({ change, ...skip });
        else candidates.push(change);
      }
      candidates = withRequirements(candidates, applied, records);

      // Each change alone, on the texts its transform saw (before the others of its transform).
      const seen = settings.previews ? new Map(texts) : null;
      // Apply; a change whose result does not parse is rejected and the rest applied again.
      for (;;) {
        let updates;
        try {
          updates = applyChanges(texts, candidates);
        } catch (e) {
          if (e instanceof EditConflictError) {
            errors.push({ message: `internal error in transform ${transform.id}: ${e.message}` });
            for (const change of candidates) records.push({ change, status: 'skipped', note: 'conflicting edits' });
            candidates = [];
            break;
          }
          throw e;
        }
        const { trees, broken } = reparse(updates, parsed);
        if (broken.length === 0) {
          for (const [name, u] of updates) {
            texts.set(name, u.text);
            if (u.mode !== undefined) modes.set(name, u.mode);
            const tree = trees.get(name);
            if (tree && name.endsWith('.tf')) {
              parsed.get(name)?.tree.delete();
              parsed.set(name, { name, text: u.text, tree, eol: lineEndingOf(u.text) });
            } else tree?.delete();
          }
          break;
        }
        for (const t of trees.values()) t.delete();
        const culprits = new Set(candidates.filter((c) => touchedFiles(c).some((f) => broken.some((b) => b.file === f))));
        for (const b of broken) {
          errors.push({ file: b.file, line: b.line, column: b.column, message: `internal error: ${transform.id} produced text that does not parse (${b.message}); its changes to this file were rejected` });
        }
        for (const change of culprits) records.push({ change, status: 'skipped', note: 'its result does not parse' });
        candidates = withRequirements(candidates.filter((c) => !culprits.has(c)), applied, records);
      }
      for (const change of candidates) {
        const preview = seen ? [...applyChanges(seen, [change])].map(([file, u]) => ({ file, before: seen.get(file) ?? null, after: u.text })) : undefined;
        records.push({ change, status: 'applied', ...(preview ? { preview } : {}) });
        applied.add(change.id);
      }
    }
    for (const [name, after] of texts) {
      const before = input.files.get(name) ?? null;
      if (before === after) continue;
      // A file one transform created and a later one emptied is not written at all.
      if (before === null && after.trim() === '') continue;
      const mode = modes.get(name);
      const f = parsed.get(name);
      const original = originalTrees.get(name);
      const unchanged = original && before !== null ? new Set(topLevelItems(original).map((item) => before.slice(item.startIndex, item.endIndex))) : undefined;
      const items = before !== null && f && f.text === after ? changedItems(before, after, f.tree, unchanged) : undefined;
      outputs.set(name, { before, after, ...(mode !== undefined ? { mode } : {}), ...(items ? { changedItems: items } : {}) });
    }
    return { records, outputs, findings, errors, secrets: outputs.size > 0 ? secretLiterals(input.files, (name) => originalTrees.get(name)) : [] };
  } finally {
    for (const f of parsed.values()) f.tree.delete();
    for (const t of originalTrees.values()) t.delete();
  }
}

export function touchedFiles(c: Change): string[] {
  return [...new Set([...c.edits.map((e) => e.file), ...c.appends.map((a) => a.file), ...c.lines.map((l) => l.file)])];
}

function skipReason(change: Change, decisions: Decisions, view: ModuleView): { status: ChangeStatus; note: string } | null {
  if (decisions.rejected.has(change.id)) return { status: 'rejected', note: 'rejected' };
  if (decisions.acceptedOnly && !decisions.acceptedOnly.has(change.id)) return { status: 'rejected', note: 'not accepted in the review' };
  if (change.kind === 'behaviour' && !decisions.behaviourFrom.has(change.transform)) {
    return { status: 'skipped', note: `behaviour change: name ${change.transform} in --transforms to apply it` };
  }
  for (const e of change.edits) {
    const file = view.file(e.file);
    if (!file) continue;
    const shielded = ignoredRanges(file.tree.rootNode, file.text, change.transform).some(
      (r) => e.start < r.end && e.end > r.start,
    );
    if (shielded) return { status: 'skipped', note: `touches a block marked tfcodemod:ignore in ${e.file}` };
  }
  return null;
}

/**
 * Drops, to a fixed point, candidates that require a change which is neither applied already
 * nor among the candidates (rejecting a change drops every change that requires it).
 */
function withRequirements(candidates: Change[], applied: ReadonlySet<string>, records: ChangeRecord[]): Change[] {
  let kept = candidates;
  for (;;) {
    const ids = new Set([...applied, ...kept.map((c) => c.id)]);
    const dropped = kept.filter((c) => c.requires.some((r) => !ids.has(r)));
    if (dropped.length === 0) return kept;
    for (const change of dropped) {
      records.push({ change, status: 'skipped', note: `requires ${change.requires.filter((r) => !ids.has(r)).join(', ')}` });
    }
    kept = kept.filter((c) => !dropped.includes(c));
  }
}

/**
 * Parses the updated HCL files (incrementally where the old tree is known); `broken` lists
 * those tree-sitter cannot parse any more.
 */
function reparse(
  updates: Map<string, { text: string; applied: TextEdit[] }>,
  parsed: ReadonlyMap<string, SourceFile>,
): {
  trees: Map<string, Tree>;
  broken: { file: string; line: number; column: number; message: string }[];
} {
  const trees = new Map<string, Tree>();
  const broken: { file: string; line: number; column: number; message: string }[] = [];
  for (const [name, u] of updates) {
    if (!isHclFile(name)) continue;
    const old = parsed.get(name);
    const tree = old ? reparseHcl(old.tree, old.text, u.text, u.applied) : parseHcl(u.text);
    trees.set(name, tree);
    const p = syntaxProblems(tree, u.text, 1)[0];
    if (p) broken.push({ file: name, line: p.line, column: p.column, message: p.message });
  }
  return { trees, broken };
}

/** Blocks and attributes at the top level of a file (comments left out). */
function topLevelItems(tree: Tree): Node[] {
  const body = tree.rootNode.namedChildren.find((c) => c?.type === 'body');
  return body ? body.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') : [];
}

/**
 * Ranges of the top-level items of `tree` that overlap where `after` differs from `before`,
 * except those whose text is one of `unchanged` (the items of `before`).
 */
function changedItems(before: string, after: string, tree: Tree, unchanged?: ReadonlySet<string>): { start: number; end: number }[] {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  const from = head;
  const to = after.length - tail;
  const out: { start: number; end: number }[] = [];
  for (const item of topLevelItems(tree)) {
    const start = item.startIndex;
    const end = item.endIndex;
    if (end >= from && start <= to && !unchanged?.has(after.slice(start, end))) out.push({ start, end });
  }
  return out;
}

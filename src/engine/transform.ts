// What a transform is: a self-describing module that plans over one module (read-only) and
// then emits changes through a context. It never reads files, writes files or prints.
import type { Node } from '../cst/parser.js';
import { positionAt } from '../cst/text.js';
import type { ModuleIndex, SourceFile } from '../terraform/module-index.js';
import type {
  Change,
  ChangeKind,
  Effect,
  Finding,
  MigrationStep,
  OptionSpec,
  OptionValues,
  Severity,
  StateMove,
} from './types.js';

/** What a transform sees of one module directory. */
export interface ModuleView {
  /** Path from the tree root, with forward slashes ('.' for the tree root itself). */
  path: string;
  /** A root module: not called by another scanned module (or named a root in the config). */
  isRoot: boolean;
  /** Parsed `.tf` files, current text (after the transforms that ran before). */
  files: readonly SourceFile[];
  index: ModuleIndex;
  file(name: string): SourceFile | undefined;
  /** Current text of any file in the module directory (HCL or not), undefined if absent. */
  textOf(name: string): string | undefined;
  /** True when the file would be ignored by git (.gitignore rules from the tree root down). */
  isGitIgnored(name: string): boolean;
}

/** Modules of the whole run, for transforms that must decide across modules. */
export interface TreeSummary {
  modules: { path: string; isRoot: boolean }[];
}

export interface ChangeMeta {
  /** Subject part of the id; the id is `<transform>:<subject>`. */
  subject: string;
  title: string;
  reason: string;
  kind: ChangeKind;
}

export interface ChangeBuilder {
  replace(file: SourceFile, start: number, end: number, text: string): void;
  replaceNode(file: SourceFile, node: Node, text: string): void;
  insert(file: SourceFile, offset: number, text: string): void;
  remove(file: SourceFile, start: number, end: number): void;
  /** Appends a top-level item to a file (creating it when missing). */
  appendItem(file: string, text: string, mode?: number): void;
  /** Appends a line to a plain text file such as .gitignore (creating it when missing). */
  appendLine(file: string, line: string): void;
  move(move: StateMove): void;
  step(step: MigrationStep): void;
  effect(effect: Effect): void;
  finding(severity: Severity, message: string, at?: { file: SourceFile; node: Node }): void;
  requires(changeId: string): void;
  instruction(text: string): void;
  /** A value that must be masked wherever output is printed. */
  secret(value: string): void;
}

export interface TransformContext {
  readonly options: OptionValues;
  /** What `prepare` returned for this run (undefined when the transform has none). */
  readonly facts: unknown;
  change(meta: ChangeMeta, build: (c: ChangeBuilder) => void): string;
  finding(severity: Severity, message: string, at?: { file: SourceFile; node: Node }): void;
}

export interface Transform<Plan = unknown> {
  /** kebab-case, same as the file name. */
  id: string;
  title: string;
  /** One line, shown by --list-transforms. */
  description: string;
  /** Kinds of change it can emit. */
  kinds: ChangeKind[];
  /** Behaviour transforms run only when named (in --transforms or the config file). */
  optIn: boolean;
  options: Record<string, OptionSpec>;
  /** Extra lines for --list-transforms (e.g. the secret-like names). */
  details?: string[];
  /** Tree-level facts computed once per run, before any module (must be serialisable). */
  prepare?(tree: TreeSummary, options: OptionValues): unknown;
  /** Option values that cannot work together: the usage error to report, or null. */
  checkOptions?(options: OptionValues): string | null;
  /** Read-only scan of the module; null means nothing to do. */
  plan(module: ModuleView, ctx: TransformContext): Plan | null;
  apply(plan: Plan, module: ModuleView, ctx: TransformContext): void;
}

export function defineTransform<Plan>(t: Transform<Plan>): Transform<Plan> {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(t.id)) throw new Error(`transform id ${t.id} is not kebab-case`);
  return t;
}

/** Location of a node as a finding position. */
export function locate(file: SourceFile, node: Node): { file: string; line: number; column: number } {
  return { file: file.name, ...positionAt(file.text, node.startIndex) };
}

/** Collects what a transform emits for one module. */
export class ChangeCollector implements TransformContext {
  readonly changes: Change[] = [];
  readonly findings: Finding[] = [];

  constructor(
    readonly transformId: string,
    readonly options: OptionValues,
    readonly facts: unknown,
  ) {}

  finding(severity: Severity, message: string, at?: { file: SourceFile; node: Node }): void {
    this.findings.push({ transform: this.transformId, severity, message, ...(at ? locate(at.file, at.node) : {}) });
  }

  change(meta: ChangeMeta, build: (c: ChangeBuilder) => void): string {
    const id = `${this.transformId}:${meta.subject}`;
    if (this.changes.some((c) => c.id === id)) throw new Error(`duplicate change id ${id}`);
    const change: Change = {
      id,
      transform: this.transformId,
      title: meta.title,
      reason: meta.reason,
      kind: meta.kind,
      edits: [],
      appends: [],
      lines: [],
      moves: [],
      steps: [],
      effects: [],
      findings: [],
      requires: [],
      instructions: [],
      secrets: [],
    };
    const edit = (file: SourceFile, start: number, end: number, text: string): void => {
      change.edits.push({ file: file.name, start, end, text, origin: id });
    };
    build({
      replace: edit,
      replaceNode: (file, node, text) => edit(file, node.startIndex, node.endIndex, text),
      insert: (file, offset, text) => edit(file, offset, offset, text),
      // Removals that overlap (two neighbouring blocks each taking the blank line between
      // them) are one removal.
      remove: (file, start, end) => {
        const overlapping = change.edits.filter((e) => e.file === file.name && e.text === '' && e.start <= end && start <= e.end && e.end > e.start);
        for (const o of overlapping) change.edits.splice(change.edits.indexOf(o), 1);
        edit(file, Math.min(start, ...overlapping.map((o) => o.start)), Math.max(end, ...overlapping.map((o) => o.end)), '');
      },
      appendItem: (file, text, mode) => change.appends.push({ file, text, origin: id, ...(mode ? { mode } : {}) }),
      appendLine: (file, line) => change.lines.push({ file, line, origin: id }),
      move: (m) => change.moves.push(m),
      step: (s) => change.steps.push(s),
      effect: (e) => change.effects.push(e),
      finding: (severity, message, at) =>
        change.findings.push({ transform: this.transformId, severity, message, ...(at ? locate(at.file, at.node) : {}) }),
      requires: (other) => change.requires.push(other),
      instruction: (text) => change.instructions.push(text),
      secret: (value) => {
        if (value !== '') change.secrets.push(value);
      },
    });
    this.changes.push(change);
    return id;
  }
}

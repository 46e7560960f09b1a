// The state of an interactive review: every proposed change, what the reviewer decided about it,
// and the consistency rules of `requires` (DESIGN.md): rejecting a change rejects every change
// that requires it, accepting one accepts what it requires. Plain logic: no terminal, no files.
import path from 'node:path';
import type { ModuleResult, ReportedChange } from '../engine/pipeline.js';
import { maskLine, renderDiff } from '../engine/patch.js';

export type Decision = 'accepted' | 'rejected';

export interface ReviewItem {
  /** Unique over the run: module path and change id. */
  key: string;
  module: string;
  change: ReportedChange;
}

export interface Consequence {
  /** Changes whose decision followed from this one (requirements pulled in, dependents dropped). */
  also: ReviewItem[];
}

const keyOf = (module: string, id: string): string => `${module}\u0000${id}`;

export class ReviewSession {
  readonly items: ReviewItem[];
  private readonly decisions = new Map<string, Decision>();
  private readonly byKey: Map<string, ReviewItem>;
  private readonly secrets: string[];
  private readonly results: readonly ModuleResult[];

  constructor(results: readonly ModuleResult[]) {
    this.results = results;
    this.items = results.flatMap((r) => r.changes.map((change) => ({ key: keyOf(r.path, change.id), module: r.path, change })));
    this.byKey = new Map(this.items.map((i) => [i.key, i]));
    this.secrets = [...new Set(results.flatMap((r) => r.secrets))];
  }

  decision(key: string): Decision | undefined {
    return this.decisions.get(key);
  }

  /** Accepts the change and, transitively, every change it requires. */
  accept(key: string): Consequence {
    const also: ReviewItem[] = [];
    const visit = (k: string, first: boolean): void => {
      const item = this.byKey.get(k);
      if (!item || this.decisions.get(k) === 'accepted') return;
      this.decisions.set(k, 'accepted');
      if (!first) also.push(item);
      for (const r of item.change.requires) visit(keyOf(item.module, r), false);
    };
    visit(key, true);
    return { also };
  }

  /** Rejects the change and, transitively, every change that requires it. */
  reject(key: string): Consequence {
    const also: ReviewItem[] = [];
    const visit = (k: string, first: boolean): void => {
      const item = this.byKey.get(k);
      if (!item || this.decisions.get(k) === 'rejected') return;
      this.decisions.set(k, 'rejected');
      if (!first) also.push(item);
      for (const other of this.items) if (other.module === item.module && other.change.requires.includes(item.change.id)) visit(other.key, false);
    };
    visit(key, true);
    return { also };
  }

  /** Accepts every undecided change of the same module and transform (`a`). */
  acceptTransform(key: string): ReviewItem[] {
    const item = this.byKey.get(key);
    if (!item) return [];
    const accepted: ReviewItem[] = [];
    for (const other of this.items) {
      if (other.module !== item.module || other.change.transform !== item.change.transform || this.decisions.has(other.key)) continue;
      accepted.push(other, ...this.accept(other.key).also);
    }
    return accepted;
  }

  counts(): { accepted: number; rejected: number; pending: number } {
    let accepted = 0;
    let rejected = 0;
    for (const d of this.decisions.values()) if (d === 'accepted') accepted++;
    else rejected++;
    return { accepted, rejected, pending: this.items.length - accepted - rejected };
  }

  /** The accepted change ids of the module: all that a write may apply. */
  accepted(module: string): Set<string> {
    return this.ids(module, (d) => d === 'accepted');
  }

  /** The change ids of the module still in play (not rejected): what the diffs are computed with. */
  inPlay(module: string): Set<string> {
    return this.ids(module, (d) => d !== 'rejected');
  }

  /** Every change id of the module that is not accepted: what a write leaves out. */
  notAccepted(module: string): Set<string> {
    return this.ids(module, (d) => d !== 'accepted');
  }

  /** The change ids of the module whose decision passes `keep`. */
  private ids(module: string, keep: (d: Decision | undefined) => boolean): Set<string> {
    return new Set(this.items.filter((i) => i.module === module && keep(this.decisions.get(i.key))).map((i) => i.change.id));
  }

  /** Every rejected change id of the module: what the diffs shown must be computed without. */
  rejected(module: string): Set<string> {
    return this.ids(module, (d) => d === 'rejected');
  }

  /**
   * Takes the module's diffs from a run without its rejected changes, so each change's diff is
   * what it does on top of the changes still in play (a rejected change keeps its last diff).
   */
  updatePreviews(result: ModuleResult): void {
    for (const c of result.changes) {
      const item = this.byKey.get(keyOf(result.path, c.id));
      if (item && c.preview) item.change = { ...item.change, preview: c.preview };
    }
  }

  /** Modules with at least one accepted change. */
  modulesToWrite(): string[] {
    return [...new Set(this.items.filter((i) => this.decisions.get(i.key) === 'accepted').map((i) => i.module))];
  }

  /** The change's own diff (paths from the tree root), secrets masked, as plain lines. */
  diffLines(key: string): string[] {
    const item = this.byKey.get(key);
    const result = item && this.results.find((r) => r.path === item.module);
    if (!item || !result) return [];
    const lines: string[] = [];
    for (const f of item.change.preview ?? []) {
      const p = path.posix.join(item.module === '.' ? '' : item.module, f.file);
      lines.push(...renderDiff({ path: p, before: f.before, after: f.after }, { color: false, secrets: this.secrets }).replace(/\n$/, '').split('\n'));
    }
    return lines;
  }

  /** Masks secret values in any text shown (the migration preview). */
  mask(text: string): string {
    return this.secrets.length === 0 ? text : text.split('\n').map((l) => maskLine(l, this.secrets)).join('\n');
  }
}

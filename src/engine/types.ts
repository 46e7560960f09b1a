// The data that flows from transforms to the runner, the printers and the writer.
import type { TextEdit } from '../cst/edit.js';

export type ChangeKind = 'refactor' | 'behaviour';
export type Severity = 'info' | 'warning' | 'error';

export interface Finding {
  transform: string;
  severity: Severity;
  /** Relative to the module directory. */
  file?: string;
  line?: number;
  column?: number;
  message: string;
}

export interface StateAddress {
  /** `default` for the legacy single state. */
  workspace: string;
  address: string;
}

/** One `terraform state mv` worth of migration, as data; rendered in one place. */
export interface StateMove {
  from: StateAddress;
  to: StateAddress;
  /** `moved` when a `moved` block in the configuration does it (no script step). */
  via?: 'moved';
}

/** A backend migration step: back up local state, then `terraform init -migrate-state`. */
export interface BackendMigration {
  kind: 'backend';
  /** The partial configuration file passed as -backend-config, relative to the module. */
  backendConfigFile: string;
  /** Local state locations to back up (relative to the module). */
  localStatePath: string;
  localWorkspaceDir: string;
}

export type MigrationStep = BackendMigration;

/** What a behaviour change does to real infrastructure. */
export interface Effect {
  workspace: string;
  address: string;
  path: string;
  action: 'update-in-place' | 'update-with-outage' | 'replace';
}

export interface FileEdit extends TextEdit {
  /** File relative to the module directory. */
  file: string;
}

/** A top-level item appended to the end of a file (created when it does not exist). */
export interface FileAppend {
  file: string;
  /** Complete item text (LF endings, ends with a newline); items are joined by a blank line. */
  text: string;
  /** For a new file: its mode (default 0o644). */
  mode?: number;
  origin?: string;
}

/** A line appended to a plain text file such as `.gitignore` (created when missing). */
export interface LineAppend {
  file: string;
  line: string;
  origin?: string;
}

export interface Change {
  /** Stable across runs: `<transform>:<subject>`. */
  id: string;
  transform: string;
  title: string;
  reason: string;
  kind: ChangeKind;
  edits: FileEdit[];
  appends: FileAppend[];
  lines: LineAppend[];
  moves: StateMove[];
  steps: MigrationStep[];
  effects: Effect[];
  findings: Finding[];
  /** Ids of changes this one depends on. */
  requires: string[];
  /** Follow-up instructions for the person running it (never a secret value). */
  instructions: string[];
  /** Values to mask in printed output. Never serialised into reports. */
  secrets: string[];
}

/** A field of a `record-map` option's values. */
export interface OptionField {
  type: 'string' | 'number' | 'boolean';
  description: string;
}

export interface OptionSpec {
  /**
   * `map`: an object of strings; `number-map`: an object of numbers; `record-map`: an object
   * whose values are objects with some of `fields` (e.g. a policy per environment).
   */
  type: 'string' | 'string[]' | 'number' | 'boolean' | 'map' | 'number-map' | 'record-map';
  description: string;
  /** For `record-map`: the fields each value may have. */
  fields?: Record<string, OptionField>;
  default?: unknown;
  /** The CLI flag that sets it (without dashes), if any. */
  flag?: string;
  /** Dotted path in the config file, if any. */
  config?: string;
  example?: string;
}

export type OptionValues = Record<string, unknown>;

/** How state moves are delivered: a bash script, tfmigrate files, or moved blocks. */
export type MigrationFormat = 'script' | 'tfmigrate' | 'moved';
export const MIGRATION_FORMATS: readonly MigrationFormat[] = ['script', 'tfmigrate', 'moved'];

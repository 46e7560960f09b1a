// State moves as migration files for tfmigrate (github.com/minamijoyo/tfmigrate, read at v0.4.5),
// for teams that run their state changes through it. One file per migration, as tfmigrate
// requires, numbered in the order to run them, from the module directory:
// - moves inside one workspace: a `state` migration, which tfmigrate plans on a copy of the state
//   before it pushes it;
// - moves between workspaces (the workspace strategy splits workspace default into one workspace
//   per environment of the same directory and backend): a `multi_state` migration per destination
//   workspace. tfmigrate sets each side up in its own directory: it selects the workspace (never
//   creates it), overrides the directory's backend with a local one (`_tfmigrate_override.tf`,
//   `terraform init -reconfigure`) and re-inits afterwards; so the two sides cannot share one
//   directory. The from side is a generated directory, tfmigrate/legacy-state, that holds only
//   this module's backend and version pins and so reads the same state storage.
// Neither side's plan can pass tfmigrate's check (it refuses to push unless `terraform plan
// -detailed-exitcode` is empty): the from side declares no resources, so its plan destroys what
// is left in the source workspace; the to side gains root outputs its new state does not hold
// yet (output "workspace" at least), which Terraform counts as changes. Both are skipped, and
// the header says how to plan the workspace after the apply. The caller refuses a module whose
// state is local: the override writes where the real workspace states are
// (terraform.tfstate.d/<workspace>).
import path from 'node:path';
import { reindent } from '../cst/block-data.js';
import { attributeName, attributeValue, blockType, itemsOf } from '../cst/nodes.js';
import { attribute, block, INDENT, printBlock, raw, type RawExpr } from '../cst/printer.js';
import { quoteHcl } from '../cst/strings.js';
import { realign } from '../cst/structure.js';
import type { ModuleIndex } from '../terraform/module-index.js';
import { groupMoves, shq, type MoveGroup } from './migration.js';
import type { StateMove } from './types.js';

export interface TfmigrateFile {
  /** Relative to the module directory, forward slashes. */
  name: string;
  text: string;
  /** For a migration file: what to run, from the module directory. */
  run?: string;
}

export const TFMIGRATE_DIR = 'tfmigrate';
/** The from side of the multi_state migrations, relative to the module directory. */
export const LEGACY_STATE_DIR = `${TFMIGRATE_DIR}/legacy-state`;
const LEGACY_STATE_FILE = `${LEGACY_STATE_DIR}/terraform.tf`;

/** True for a file tfcodemod writes for tfmigrate (`abs` inside `moduleDir`/tfmigrate). */
export const isTfmigrateFile = (moduleDir: string, abs: string): boolean => path.relative(moduleDir, abs).split(path.sep)[0] === TFMIGRATE_DIR;

export interface TfmigratePlan {
  /** Module path from the tree root, for the headers. */
  modulePath: string;
  toolVersion: string;
  moves: StateMove[];
  /** Var files terraform plan needs, relative to the module (`{workspace}` per workspace). */
  varFiles: string[];
  /** Whether the module has this file after the run (a workspace may have no secrets file). */
  hasFile: (name: string) => boolean;
  /** The `.tfbackend` files beside a module whose state is not local: its partial backend configuration. */
  backendConfigFiles: string[];
  /** The text of tfmigrate/legacy-state's .tf file (legacyStateConfig), when moves cross workspaces. */
  legacyState: string | null;
}

/** One action string: tfmigrate splits it like a shell would, so keys are single-quoted. */
const action = (m: StateMove): string => `mv ${shq(m.from.address)} ${shq(m.to.address)}`;

const actions = (moves: StateMove[]): RawExpr => raw(`[\n${moves.map((m) => `    ${quoteHcl(action(m))},`).join('\n')}\n  ]`);

/** A word inside double quotes in bash. */
const dq = (s: string): string => s.replace(/["$`\\]/g, '\\$&');

/**
 * The migration files: a `state` migration per workspace moves stay inside, a `multi_state`
 * migration per pair of workspaces moves cross, numbered in first-seen order; and, when moves
 * cross workspaces, the legacy-state directory they read from.
 */
export function renderTfmigrate(plan: TfmigratePlan): TfmigrateFile[] {
  const groups = groupMoves(plan.moves);
  const backendConfig = plan.backendConfigFiles.length === 1 ? plan.backendConfigFiles[0]! : null;
  // tfmigrate passes its --backend-config only to the init that switches a directory back from
  // its local override, run in that directory: an absolute path serves both sides.
  const flag = backendConfig ? ` --backend-config="$PWD/${dq(backendConfig)}"` : '';
  const where = `the module at ${plan.modulePath === '.' ? 'the tree root' : plan.modulePath}`;
  const files: TfmigrateFile[] = groups.map((g, i) => {
    const name = `${String(i + 1).padStart(2, '0')}_tfcodemod_${g.from === g.to ? g.from : g.to}`;
    const file = `${TFMIGRATE_DIR}/${name}.hcl`;
    const commands = `tfmigrate plan${flag} ${file}, then tfmigrate apply${flag} ${file}`;
    const varFiles = plan.varFiles.map((f) => f.replace('{workspace}', g.to)).filter((f) => plan.hasFile(f)).map((f) => `-var-file=${f}`);
    if (g.from === g.to) {
      const header = [
        `# State moves for ${where} (workspace ${g.from}), generated by tfcodemod ${plan.toolVersion}.`,
        `# From the module directory: ${commands}.`,
        ...(varFiles.length > 0 ? [`# Its terraform plan needs the secret values: TF_CLI_ARGS_plan="${varFiles.join(' ')}" tfmigrate ...`] : []),
      ];
      const body = [attribute('dir', '.'), ...(g.from !== 'default' ? [attribute('workspace', g.from)] : []), attribute('actions', actions(g.moves))];
      return { name: file, text: `${header.join('\n')}\n${printBlock(block('migration', ['state', name], body))}`, run: commands };
    }
    if (plan.legacyState === null) throw new Error('tfmigrate: moves between workspaces need the legacy-state directory');
    const body = [
      attribute('from_dir', LEGACY_STATE_DIR),
      attribute('from_workspace', g.from),
      attribute('from_skip_plan', true),
      attribute('to_dir', '.'),
      attribute('to_workspace', g.to),
      attribute('to_skip_plan', true),
      attribute('actions', actions(g.moves)),
    ];
    const created = [...new Set(groups.slice(0, i + 1).filter((x) => x.from !== x.to).map((x) => x.to))];
    const last = groups.slice(i + 1).every((x) => x.from === x.to || x.from !== g.from);
    const header = multiStateHeader(plan, g, { where, file, flag, backendConfig, varFiles, created, last });
    return {
      name: file,
      text: `${header.join('\n')}\n${printBlock(block('migration', ['multi_state', name], body))}`,
      run: `first what its header says (init, a backup, workspace ${g.to}), then ${commands}, then plan workspace ${g.to}`,
    };
  });
  if (groups.some((g) => g.from !== g.to)) files.push({ name: LEGACY_STATE_FILE, text: plan.legacyState! });
  return files;
}

function multiStateHeader(
  plan: TfmigratePlan,
  g: MoveGroup,
  o: { where: string; file: string; flag: string; backendConfig: string | null; varFiles: string[]; created: string[]; last: boolean },
): string[] {
  const backup = `.tfcodemod-migration/backup/${g.from}.tfstate`;
  const planFile = `.tfcodemod-migration/${g.to}.tfplan`;
  const clean = `[.resource_changes[]? | select(.change.actions != ["no-op"] and .change.actions != ["read"])] | length`;
  return [
    `# State moves for ${o.where}, generated by tfcodemod ${plan.toolVersion}: workspace ${g.to}'s`,
    `# instances, from workspace ${g.from} (the legacy state) into workspace ${g.to}. A multi_state`,
    `# migration: its from side is ${LEGACY_STATE_DIR}, a directory with only this module's backend`,
    `# (so it reads the same state storage), its to side this module.`,
    '#',
    '# Plan checks: tfmigrate refuses to push when a plan it runs is not empty, so both are skipped.',
    '# - from_skip_plan = true: the from side declares no resources; its plan would destroy every',
    `#   instance still in workspace ${g.from}.`,
    '# - to_skip_plan = true: the to side is the merged configuration, but its plan is not empty',
    `#   even when the moves are right: the root outputs (output "workspace" at least) are new to`,
    `#   workspace ${g.to}'s state, and Terraform counts new root outputs as changes. Plan it after`,
    '#   the apply instead (step 5): only output changes may remain.',
    '#',
    '# From the module directory:',
    `# 1. Initialize both directories${o.backendConfig ? ' with the partial backend configuration (tfmigrate runs' : ':'}`,
    ...(o.backendConfig ? ['#    terraform init in them without it, which keeps the configuration saved here):'] : []),
    `#      terraform init${o.backendConfig ? ` -backend-config=${shq(o.backendConfig)}` : ''}`,
    `#      terraform -chdir=${LEGACY_STATE_DIR} init${o.backendConfig ? ` -backend-config="$PWD/${dq(o.backendConfig)}"` : ''}`,
    `# 2. Once, before the first migration of this module, back up workspace ${g.from} (the file holds`,
    '#    secrets: keep it out of git; set -C keeps the first backup):',
    `#      mkdir -p .tfcodemod-migration/backup && terraform workspace select ${shq(g.from)} &&`,
    `#        (set -C; umask 077; terraform state pull > ${backup})`,
    `# 3. Create workspace ${g.to} (Terraform >= 1.4; tfmigrate selects workspaces, never creates them):`,
    `#      terraform workspace select -or-create=true ${shq(g.to)} && terraform workspace select ${shq(g.from)}`,
    `# 4. tfmigrate plan${o.flag} ${o.file}   (moves on copies, pushes nothing)`,
    `#    tfmigrate apply${o.flag} ${o.file}   (pushes workspace ${g.to}, then ${g.from})`,
    `#    If apply stops between its two pushes, workspace ${g.from} still holds what reached ${g.to}:`,
    `#    do not re-run it; remove those addresses (the first of each action) with terraform state rm.`,
    `# 5. terraform workspace select ${shq(g.to)} && terraform plan -input=false${o.varFiles.map((v) => ` ${shq(v)}`).join('')} -out=${planFile}`,
    `#    terraform show -json ${planFile} | jq '${clean}'`,
    `#    must print 0. If not, roll back: put the backup back and delete the workspaces the migrations`,
    `#    created (their resources stay where they are; only those states go):`,
    `#      terraform workspace select ${shq(g.from)} && terraform state push -force ${backup}`,
    `#      ${o.created.map((ws) => `terraform workspace delete -force ${shq(ws)}`).join(' && ')}`,
    ...(o.last
      ? [
          `# After this last migration, workspace ${g.from} should hold no managed resource (terraform`,
          `# state list there shows at most data sources). Its legacy root outputs stay in its state`,
          '# (tfmigrate cannot remove outputs; one may hold a secret): drop them when the states are right.',
        ]
      : []),
    ...partialBackendNote(plan, o.backendConfig),
  ];
}

/** When the backend may need -backend-config but the module does not say which: how to pass it. */
function partialBackendNote(plan: TfmigratePlan, backendConfig: string | null): string[] {
  if (backendConfig) return [];
  const files = plan.backendConfigFiles.length > 1 ? ` (one of ${plan.backendConfigFiles.join(', ')})` : '';
  return [
    `# If terraform init needs -backend-config here${files}: pass it to both inits of step 1 (with an`,
    '# absolute path for the second) and to tfmigrate plan and apply as --backend-config="$PWD/...".',
  ];
}

/**
 * The .tf file of tfmigrate/legacy-state: per terraform block of the module, its
 * required_version, required_providers and backend (or cloud) block as written, so that
 * terraform init there reaches the same state storage with the same providers.
 */
export function legacyStateConfig(index: ModuleIndex, toolVersion: string): string {
  const blocks: string[] = [];
  for (const t of index.terraformBlocks) {
    const text = t.file.text;
    const items = itemsOf(t.body).filter((i) => (i.type === 'attribute' ? attributeName(i) === 'required_version' : ['required_providers', 'backend', 'cloud'].includes(blockType(i))));
    if (items.length === 0) continue;
    const printed = items.map((i) => {
      if (i.type === 'attribute') {
        const v = attributeValue(i)!;
        return `${INDENT}required_version = ${text.slice(v.startIndex, v.endIndex)}`;
      }
      return INDENT + reindent(text.slice(i.startIndex, i.endIndex).replace(/\r\n/g, '\n'), i.startPosition.column, INDENT.length);
    });
    blocks.push(`terraform {\n${printed.join('\n\n')}\n}\n`);
  }
  const header = [
    `# The from side of the tfmigrate multi_state migrations in ${TFMIGRATE_DIR}/, generated by tfcodemod`,
    `# ${toolVersion}: only the module's backend and version pins, so terraform init here reaches the same`,
    '# state storage with the same providers. Delete the directory once every migration is applied.',
  ];
  return realign(`${header.join('\n')}\n${blocks.join('\n')}`);
}

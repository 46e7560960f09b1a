// extract-secrets: hardcoded secrets become sensitive variables without defaults; their values
// move to a git-ignored var file so they keep working; outputs that expose them turn sensitive.
import { attributeOf, attributeValue } from '../src/cst/nodes.js';
import { attribute, block, comment, printBlock, printBody, raw } from '../src/cst/printer.js';
import { editAttributes } from '../src/cst/structure.js';
import { defineTransform, type ChangeBuilder, type ModuleView, type TransformContext } from '../src/engine/transform.js';
import { describeSecretNames } from '../src/terraform/secret-names.js';
import { ID, planSecrets, type OutputFix, type Plan, type Secret } from './extract-secrets-plan.js';

const SECRETS_FILE = 'secrets.tfvars';

function outputChange(o: OutputFix, ctx: TransformContext): string {
  return ctx.change(
    {
      subject: `output.${o.name}`,
      title: `Mark output ${o.name} as sensitive`,
      reason: `Its value comes from ${o.reaches.join(', ')}; Terraform refuses to plan a non-sensitive output of a sensitive value, and the value should not print in logs.`,
      kind: 'refactor',
    },
    (c) => {
      const file = o.block.file;
      if (o.sensitiveFalse) c.replaceNode(file, o.sensitiveFalse, 'true');
      else {
        const value = attributeOf(o.block.body, 'value');
        for (const e of editAttributes(file.text, o.block.node, { insert: [{ name: 'sensitive', value: 'true', ...(value ? { after: value } : {}) }] })) {
          c.replace(file, e.start, e.end, e.text);
        }
      }
    },
  );
}

function extract(s: Secret, plan: Plan, c: ChangeBuilder): void {
  const file = s.file;
  for (const p of s.pieces) {
    c.secret(p.value);
    if (s.kind === 'default') continue;
    c.replace(file, p.start, p.end, p.form === 'expression' ? `var.${p.variable}` : `\${var.${p.variable}}`);
  }
  if (s.kind === 'default') {
    // The variable stays; it loses its default and becomes sensitive.
    const def = attributeOf(s.owner.body, 'default')!;
    const sensitive = attributeOf(s.owner.body, 'sensitive');
    const sv = sensitive && attributeValue(sensitive);
    if (sv && sv.text !== 'true') c.replaceNode(file, sv, 'true');
    const edits = editAttributes(file.text, s.owner.node, { remove: [def], insert: sensitive ? [] : [{ name: 'sensitive', value: 'true' }] });
    for (const e of edits) c.replace(file, e.start, e.end, e.text);
  } else {
    for (const p of s.pieces) {
      c.appendItem(
        plan.variablesFile,
        printBlock(
          block('variable', [p.variable], [
            attribute('description', `${s.pieces.length > 1 ? 'Part of what was' : 'Was'} hardcoded as ${s.label}; set it in ${SECRETS_FILE} or TF_VAR_${p.variable}`),
            attribute('type', raw('string')),
            attribute('sensitive', true),
          ]),
        ),
      );
    }
  }
  for (const p of s.pieces) {
    c.appendItem(SECRETS_FILE, printBody([comment(`# ${s.label}: was committed to version control; rotate it`), attribute(p.variable, p.value)]), 0o600);
  }
}

function apply(plan: Plan, module: ModuleView, ctx: TransformContext): void {
  const outputIds = new Map<OutputFix, string>();
  const warnedProviders = new Set<Secret['owner']>();
  for (const o of plan.outputs) outputIds.set(o, outputChange(o, ctx));
  for (const s of plan.secrets) {
    const vars = s.pieces.map((p) => p.variable);
    ctx.change(
      {
        subject: s.label,
        title: `Extract hardcoded ${s.label} into sensitive var.${vars.join(', var.')}`,
        reason:
          `${s.label} is written in the source, so everyone with the repository (and every CI log) has it. ` +
          `It becomes sensitive ${vars.map((v) => `var.${v}`).join(', ')} without a default; the current value goes to ${SECRETS_FILE} (git-ignored, mode 0600) so plans keep the same value.`,
        kind: 'refactor',
      },
      (c) => {
        extract(s, plan, c);
        if (!module.isGitIgnored(SECRETS_FILE)) c.appendLine('.gitignore', SECRETS_FILE);
        for (const [o, id] of outputIds) if (o.reaches.some((r) => vars.some((v) => r === `var.${v}`) || r === s.exposedAs)) c.requires(id);
        c.finding('warning', `${s.label} was committed to version control in plain text: rotate it after this change is applied`, { file: s.file, node: s.node });
        if (s.kind === 'provider' && !warnedProviders.has(s.owner)) {
          warnedProviders.add(s.owner);
          c.finding('info', `${s.label.split('.').slice(0, -1).join('.')} has static credentials: prefer the standard credential chain (AWS_PROFILE, SSO, an assumed role) and drop the keys`, { file: s.file, node: s.node });
        }
        c.instruction(`terraform plan and apply now need the secret values: pass -var-file=${SECRETS_FILE} (or set TF_VAR_<name> for each)`);
      },
    );
  }
}

export default defineTransform<Plan>({
  id: ID,
  title: 'Extract hardcoded secrets into sensitive variables',
  description: 'Literal passwords, tokens and keys become sensitive variables without defaults, their values move to a git-ignored secrets.tfvars, and outputs exposing them turn sensitive.',
  kinds: ['refactor'],
  optIn: false,
  options: {
    names: { type: 'string[]', description: 'extra argument names to treat as secrets', config: 'secrets.names' },
  },
  details: [describeSecretNames()],
  plan: planSecrets,
  apply,
});

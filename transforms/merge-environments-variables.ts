// Variables declared once per environment (`dev_postgres_password`, `prod_postgres_password`,
// as extract-secrets leaves them) fold into one variable whose value comes, per workspace, from
// `secrets/<workspace>.tfvars` (git-ignored, mode 0600).
import { attributeName, attributeOf, attributeValue, attributesOf, bodyOf, childrenOf } from '../src/cst/nodes.js';
import { parseHcl } from '../src/cst/parser.js';
import { quoteHcl } from '../src/cst/strings.js';
import { removalRange } from '../src/cst/structure.js';
import { lineEndingOf } from '../src/cst/text.js';
import type { ChangeBuilder, ModuleView } from '../src/engine/transform.js';
import type { SourceFile } from '../src/terraform/module-index.js';
import type { Plan } from './merge-environments-plan.js';

const SECRETS = 'secrets.tfvars';

export function foldVariables(plan: Plan, module: ModuleView, c: ChangeBuilder): void {
  if (plan.variables.length === 0) return;
  // The values extract-secrets (or the user) put in secrets.tfvars move to per-workspace files.
  const secretsText = module.textOf(SECRETS);
  const secrets: SourceFile | null = secretsText !== undefined ? { name: SECRETS, text: secretsText, tree: parseHcl(secretsText), eol: lineEndingOf(secretsText) } : null;
  try {
    for (const g of plan.variables) {
      const [base, ...others] = g.members;
      const file = base!.block.file;
      const label = childrenOf(base!.block.node).find((x) => x.type === 'string_lit')!;
      c.replace(file, label.startIndex, label.endIndex, quoteHcl(g.name));
      const description = attributeOf(base!.block.body, 'description');
      const dv = description && attributeValue(description);
      if (dv) c.replaceNode(file, dv, quoteHcl(`Per workspace, from secrets/<workspace>.tfvars (was ${g.members.map((m) => m.block.labels[0]).join(', ')})`));
      for (const m of others) {
        const r = removalRange(m.block.file.text, m.block.node);
        c.remove(m.block.file, r.start, r.end);
      }
      if (!secrets) continue;
      for (const m of g.members) {
        const attr = attributesOf(bodyOf(secrets.tree.rootNode)).find((a) => attributeName(a) === m.block.labels[0]);
        if (!attr) continue;
        const value = secrets.text.slice(attributeValue(attr)!.startIndex, attributeValue(attr)!.endIndex);
        // The values are secret: the dry-run diff shows them masked, as extract-secrets does.
        const literal = /^"((?:[^"\\$%]|\\.)*)"$/.exec(value);
        c.secret(literal ? (JSON.parse(value) as string) : value);
        c.appendItem(`secrets/${m.env}.tfvars`, `# ${g.name} for workspace ${m.env} (was ${m.block.labels[0]}); rotate it if it was ever committed\n${g.name} = ${value}\n`, 0o600);
        const r = removalRange(secrets.text, attr);
        c.remove(secrets, r.start, r.end);
      }
    }
    if (!module.isGitIgnored('secrets/dev.tfvars')) c.appendLine('.gitignore', 'secrets/');
    c.instruction('terraform plan and apply need the secret values of the workspace: pass -var-file=secrets/$(terraform workspace show).tfvars');
  } finally {
    secrets?.tree.delete();
  }
}

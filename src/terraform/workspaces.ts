// The workspaces a module split by workspace declares: merge-environments writes an
// `output "workspace"` whose precondition lists them (`contains(["dev", "prod"],
// terraform.workspace)`), so a plan in any other workspace fails.
import { attributeOf, attributeValue, blockType, bodyOf, itemsOf, stringValue, walk } from '../cst/nodes.js';
import type { ModuleIndex } from './module-index.js';

/** The workspaces listed by the `output "workspace"` precondition, or null. */
export function declaredWorkspaces(index: ModuleIndex): string[] | null {
  const out = index.outputs.get('workspace');
  const pre = out ? itemsOf(out.body).find((i) => i.type === 'block' && blockType(i) === 'precondition') : undefined;
  const cond = pre ? attributeOf(bodyOf(pre), 'condition') : null;
  const value = cond ? attributeValue(cond) : null;
  if (!out || !value || !value.text.includes('terraform.workspace')) return null;
  const envs: string[] = [];
  walk(value, (n) => {
    if (n.type !== 'tuple') return true;
    for (const item of n.namedChildren) {
      const s = item ? stringValue(item, out.file.text) : null;
      if (s !== null) envs.push(s);
    }
    return false;
  });
  return envs.length > 0 ? envs : null;
}

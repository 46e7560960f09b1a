// The workspaces of a module split by workspace: merge-environments writes an
// `output "workspace"` whose precondition lists them (`contains(["dev", "prod"],
// terraform.workspace)`), so a plan in any other workspace fails; a module split by hand names
// them in `terraform.workspace == "prod"` and in maps looked up by `[terraform.workspace]`.
import { attributeOf, attributeValue, blockType, bodyOf, itemsOf, objectElements, stringValue, walk } from '../cst/nodes.js';
import type { ModuleIndex } from './module-index.js';
import { traversalsIn } from './references.js';

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

/**
 * The environments of a module keyed by workspace: those its `output "workspace"` declares,
 * else those `terraform.workspace == "x"` and the keys of locals maps looked up by
 * `[terraform.workspace]` name, in the order first seen. Null when no expression of the module
 * reads `terraform.workspace` (comments do not count); empty when it does but names none.
 */
export function workspaceEnvironments(index: ModuleIndex): string[] | null {
  const reads = index.files.some((f) => traversalsIn(f.tree.rootNode, f.text).some((t) => t.root === 'terraform' && t.steps[0] === 'workspace'));
  if (!reads) return null;
  const declared = declaredWorkspaces(index);
  if (declared) return declared;
  const envs = new Set<string>();
  for (const f of index.files) {
    const text = f.text.replace(/(^|[^"\w])(#|\/\/).*$/gm, '$1');
    for (const m of text.matchAll(/terraform\.workspace\s*==\s*"([^"]+)"|"([^"]+)"\s*==\s*terraform\.workspace/g)) envs.add((m[1] ?? m[2])!);
    for (const m of text.matchAll(/\blocal\.([A-Za-z_][\w-]*)\s*\[\s*terraform\.workspace\s*\]/g)) {
      const local = index.locals.get(m[1]!);
      const value = local ? attributeValue(local.attr) : null;
      if (value) for (const e of objectElements(value, local!.block.file.text)) envs.add(e.key);
    }
  }
  return [...envs];
}

// Where a module's state lives now: the local backend (explicit or implied) and its paths, or
// another backend.
import { attributeOf, attributeValue, stringValue } from '../cst/nodes.js';
import type { ModuleIndex } from './module-index.js';

export interface StateLocation {
  /** The backend type (`local` when there is no backend block). */
  backend: string;
  local: boolean;
  /** Local state file (relative to the module), for the local backend. */
  path: string;
  /** Directory of the non-default workspaces' states, for the local backend. */
  workspaceDir: string;
}

export function stateLocation(index: ModuleIndex): StateLocation {
  const backend = index.backends()[0];
  if (!backend || backend.type === 'local') {
    const text = backend?.terraform.file.text ?? '';
    const body = backend ? backend.node.namedChildren.find((c) => c?.type === 'body') ?? null : null;
    const read = (name: string): string | null => {
      const a = attributeOf(body, name);
      const v = a && attributeValue(a);
      return v ? stringValue(v, text) : null;
    };
    return {
      backend: 'local',
      local: true,
      path: read('path') ?? 'terraform.tfstate',
      workspaceDir: read('workspace_dir') ?? 'terraform.tfstate.d',
    };
  }
  return { backend: backend.type, local: false, path: '', workspaceDir: '' };
}

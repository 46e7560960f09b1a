// HashiCorp's own HCL parser decides what is valid (through @cdktf/hcl2json, which runs
// hashicorp/hcl compiled to WebAssembly). tree-sitter-hcl builds the tree that is edited, but it
// accepts some invalid HCL (repeated attributes, multi-line quoted strings) and rejects some
// valid HCL (`1e10`), so every file the tool would change is checked with this before and after.
import { createRequire } from 'node:module';

export interface HclDiagnostic {
  line: number;
  column: number;
  message: string;
}

type Hcl2Json = { parse(filename: string, contents: string): Promise<unknown> };
let bridge: Hcl2Json | null = null;

function hcl2json(): Hcl2Json {
  // Loaded lazily: the bridge starts a Go runtime at require time.
  if (!bridge) bridge = createRequire(import.meta.url)('@cdktf/hcl2json') as Hcl2Json;
  return bridge;
}

/** Null when HashiCorp's parser accepts the text, else its first diagnostic. */
export async function checkHcl(name: string, text: string): Promise<HclDiagnostic | null> {
  // Only the base name is passed, so diagnostics can be found in the message unambiguously.
  const label = name.replace(/[^A-Za-z0-9._-]/g, '_');
  try {
    await hcl2json().parse(label, text);
    return null;
  } catch (e) {
    return parseDiagnostic(label, String((e as Error)?.message ?? e));
  }
}

/**
 * hcl2json reports `parse config: [a.tf:2,1-2: Summary; Detail. a.tf:5,3-4: ...]`. The first
 * diagnostic's position and text are kept.
 */
export function parseDiagnostic(label: string, message: string): HclDiagnostic {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const at = new RegExp(`${escaped}:(\\d+),(\\d+)(?:-(?:\\d+,)?\\d+)?: `, 'g');
  const first = at.exec(message);
  if (!first) return { line: 1, column: 1, message: message.replace(/^parse config: /, '') };
  const from = first.index + first[0].length;
  const next = at.exec(message);
  let text = message.slice(from, next ? next.index : undefined).trim();
  text = text.replace(/\]$/, '').trim().replace(/;\s*/, ': ');
  return { line: Number(first[1]), column: Number(first[2]), message: text };
}

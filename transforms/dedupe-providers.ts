// dedupe-providers: provider configurations with identical arguments collapse into one.
import { attributeName, attributesOf, blocksOf, normalizedText, objectElements, itemsOf } from '../src/cst/nodes.js';
import type { Node } from '../src/cst/parser.js';
import { editAttributes, removalRange } from '../src/cst/structure.js';
import { defineTransform } from '../src/engine/transform.js';
import type { ProviderConfig, SourceFile } from '../src/terraform/module-index.js';
import { ignores } from '../src/terraform/ignore-directive.js';
import { providerReference } from '../src/terraform/references.js';

interface Reference {
  file: SourceFile;
  /** The value expression `aws.primary`. */
  node: Node;
  /** For `provider = ...` directly in a resource or data block: the attribute and its block. */
  meta: { attr: Node; block: Node; type: string } | null;
}

interface Merge {
  redundant: ProviderConfig;
  survivor: ProviderConfig;
  references: Reference[];
}

/** The configuration of a provider block, comments and layout aside, `alias` left out. */
function signature(p: ProviderConfig): string {
  const { body, file } = p.block;
  const attrs = attributesOf(body)
    .filter((a) => attributeName(a) !== 'alias')
    .map((a) => normalizedText(a, file.text))
    .sort();
  const blocks = blocksOf(body).map((b) => normalizedText(b, file.text));
  return JSON.stringify([attrs, blocks]);
}

/** Every `provider = x.y` and `providers = { k = x.y }` value in a block, recursively. */
function providerValues(block: Node, text: string, out: { value: Node; attr: Node; block: Node }[]): void {
  for (const item of itemsOf(block.namedChildren.find((c) => c?.type === 'body') ?? null)) {
    if (item.type === 'block') {
      providerValues(item, text, out);
      continue;
    }
    const value = item.namedChildren.find((c) => c?.type === 'expression');
    if (!value) continue;
    const name = attributeName(item);
    if (name === 'provider') out.push({ value, attr: item, block });
    if (name === 'providers') for (const e of objectElements(value, text)) out.push({ value: e.value, attr: item, block });
  }
}

const REFERRING = new Set(['resource', 'data', 'ephemeral', 'module', 'import', 'removed', 'check']);

export default defineTransform<Merge[]>({
  id: 'dedupe-providers',
  title: 'Collapse redundant provider aliases',
  description: 'Provider aliases whose arguments equal another configuration (same region, account, settings) are removed and their references rewritten.',
  kinds: ['refactor'],
  optIn: false,
  options: {},

  plan(module, ctx) {
    const merges: Merge[] = [];
    const byName = new Map<string, ProviderConfig[]>();
    for (const p of module.index.providers) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
    for (const providers of byName.values()) {
      const groups = new Map<string, ProviderConfig[]>();
      for (const p of providers) {
        if (ignores(p.block.ignore, 'dedupe-providers')) continue;
        const sig = signature(p);
        groups.set(sig, [...(groups.get(sig) ?? []), p]);
      }
      for (const group of groups.values()) {
        if (group.length < 2) continue;
        const survivor = group.find((p) => p.alias === null) ?? group[0]!;
        for (const redundant of group) {
          if (redundant === survivor || redundant.alias === null) continue;
          merges.push({ redundant, survivor, references: [] });
        }
      }
    }
    if (merges.length === 0) return null;
    // Only files that name a redundant alias can refer to it.
    const names = merges.map((m) => m.redundant.ref);
    const mentioning = new Set(module.files.filter((f) => names.some((n) => f.text.includes(n))));
    for (const b of module.index.blocks) {
      if (!REFERRING.has(b.type) || !mentioning.has(b.file)) continue;
      const blockText = b.file.text.slice(b.node.startIndex, b.node.endIndex);
      if (!names.some((n) => blockText.includes(n))) continue;
      const values: { value: Node; attr: Node; block: Node }[] = [];
      providerValues(b.node, b.file.text, values);
      for (const v of values) {
        const ref = providerReference(v.value, b.file.text);
        const merge = ref && merges.find((m) => m.redundant.name === ref.name && m.redundant.alias === ref.alias);
        if (!merge) continue;
        const isMeta = v.block === b.node && (b.type === 'resource' || b.type === 'data') && attributeName(v.attr) === 'provider';
        merge.references.push({ file: b.file, node: v.value, meta: isMeta ? { attr: v.attr, block: b.node, type: b.labels[0] ?? '' } : null });
      }
    }
    for (const p of module.index.providers) {
      if (ignores(p.block.ignore, 'dedupe-providers')) ctx.finding('info', `provider ${p.ref} is marked tfcodemod:ignore; not compared`, { file: p.block.file, node: p.block.node });
    }
    return merges;
  },

  apply(merges, _module, ctx) {
    for (const m of merges) {
      const { redundant, survivor } = m;
      const users = m.references.length;
      ctx.change(
        {
          subject: redundant.ref,
          title: `Merge provider ${redundant.ref} into ${survivor.ref}`,
          reason:
            `${redundant.ref} is configured exactly like ${survivor.ref}; ` +
            `${users} reference${users === 1 ? '' : 's'} now use${users === 1 ? 's' : ''} ${survivor.ref}. ` +
            'Same provider configuration, so no resource changes.',
          kind: 'refactor',
        },
        (c) => {
          const file = redundant.block.file;
          const range = removalRange(file.text, redundant.block.node);
          c.remove(file, range.start, range.end);
          for (const r of m.references) {
            // `provider = aws` on an aws_* resource is what Terraform does anyway: drop it.
            if (r.meta && survivor.alias === null && r.meta.type.split('_')[0] === survivor.name) {
              for (const e of editAttributes(r.file.text, r.meta.block, { remove: [r.meta.attr] })) c.replace(r.file, e.start, e.end, e.text);
            } else {
              c.replaceNode(r.file, r.node, survivor.ref);
            }
          }
        },
      );
    }
  },
});

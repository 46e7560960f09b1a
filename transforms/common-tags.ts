// common-tags (refactor part): tag pairs that every tagged resource of a module repeats move into
// `locals { common_tags = {...} }`, and each `tags` becomes `merge(local.common_tags, {...the
// rest})` (or `local.common_tags` when nothing is left). Every resource keeps exactly its tags.
import { attributeOf, attributeValue, containsComment, normalizedText, objectElements, stringValue, unwrap } from '../src/cst/nodes.js';
import type { Node } from '../src/cst/parser.js';
import { reindent } from '../src/cst/block-data.js';
import { printKey } from '../src/cst/printer.js';
import { defineTransform, type ModuleView, type TransformContext } from '../src/engine/transform.js';
import { ignores } from '../src/terraform/ignore-directive.js';
import type { BlockRef } from '../src/terraform/module-index.js';
import { ENV_VALUE_SYNONYMS, keySynonyms, TAG_KEY_SYNONYMS } from '../src/terraform/tags.js';

const ID = 'common-tags';
const LOCALS_FILE = 'locals.tf';

interface Tagged {
  block: BlockRef;
  attr: Node;
  elements: { key: string; value: Node; elem: Node }[];
}

interface Plan {
  local: string;
  /** The shared pairs as written in the first resource, in its order. */
  common: { key: string; text: string }[];
  tagged: Tagged[];
}

const pairKey = (t: Tagged, e: { key: string; value: Node }): string => `${e.key}=${normalizedText(e.value, t.block.file.text)}`;

/** Reports keys and environment values written inconsistently across the module's literal tags. */
function inconsistencies(module: ModuleView, ctx: TransformContext): void {
  const keys = new Set<string>();
  const envValues = new Set<string>();
  for (const b of module.index.blocks) {
    const attr = b.type === 'resource' ? attributeOf(b.body, 'tags') : null;
    if (!attr) continue;
    for (const e of objectElements(attributeValue(attr)!, b.file.text)) {
      keys.add(e.key);
      const v = stringValue(e.value, b.file.text);
      if (v !== null && keySynonyms('environment').includes(e.key.toLowerCase())) envValues.add(v);
    }
  }
  for (const group of TAG_KEY_SYNONYMS) {
    const used = [...keys].filter((k) => group.includes(k.toLowerCase()));
    if (used.length > 1) ctx.finding('warning', `tags use ${used.join(', ')} for the same thing: pick one key`);
  }
  for (const group of ENV_VALUE_SYNONYMS) {
    const used = [...envValues].filter((v) => group.includes(v.toLowerCase()));
    if (used.length > 1) ctx.finding('warning', `the environment tag is written ${used.map((v) => JSON.stringify(v)).join(', ')} for the same environment: pick one`);
  }
}

function plan(module: ModuleView, ctx: TransformContext): Plan | null {
  inconsistencies(module, ctx);
  const tagged: Tagged[] = [];
  for (const b of module.index.blocks) {
    if (b.type !== 'resource') continue;
    const attr = attributeOf(b.body, 'tags');
    if (!attr) continue;
    const value = attributeValue(attr)!;
    // Only literal maps, without comments (a comment could not be placed) and not ignored: else
    // the module is left alone, since "every resource" would no longer hold. (The walk for
    // comments comes last: tags merged from elsewhere are the common case, and the dearest.)
    if (unwrap(value).type !== 'object' || ignores(b.ignore, ID) || containsComment(value)) return null;
    const elements = objectElements(value, b.file.text);
    // Keys must be names or plain strings: a computed key could not be compared or moved.
    if (elements.some((e) => unwrap(e.keyNode).type !== 'variable_expr' && stringValue(e.keyNode, b.file.text) === null)) return null;
    tagged.push({ block: b, attr, elements });
  }
  if (tagged.length < 2) return null;
  const first = tagged[0]!;
  const common = first.elements.filter((e) => tagged.every((t) => t.elements.some((x) => pairKey(t, x) === pairKey(first, e))));
  if (common.length === 0) return null;
  let local = 'common_tags';
  for (let i = 2; module.index.locals.has(local); i++) local = `common_tags_${i}`;
  const text = first.block.file.text;
  ctx.finding('info', `${tagged.length} resources repeat the tags ${common.map((e) => e.key).join(', ')}: they move into local.${local}`);
  return { local, common: common.map((e) => ({ key: e.key, text: reindent(text.slice(e.value.startIndex, e.value.endIndex), e.value.startPosition.column, 4) })), tagged };
}

function apply(p: Plan, _module: ModuleView, ctx: TransformContext): void {
  const commonKeys = new Set(p.common.map((c) => c.key));
  ctx.change(
    {
      subject: 'module',
      title: `Move the tags every resource repeats (${p.common.map((c) => c.key).join(', ')}) into local.${p.local}`,
      reason: `${p.tagged.length} resources write the same ${p.common.length} tag pair${p.common.length === 1 ? '' : 's'}: one definition, merged into each resource's own tags. Every resource keeps exactly the tags it had.`,
      kind: 'refactor',
    },
    (c) => {
      const width = Math.max(...p.common.map((e) => printKey(e.key).length));
      c.appendItem(LOCALS_FILE, `locals {\n  ${p.local} = {\n${p.common.map((e) => `    ${printKey(e.key).padEnd(width)} = ${e.text}`).join('\n')}\n  }\n}\n`);
      for (const t of p.tagged) {
        const text = t.block.file.text;
        const rest = t.elements.filter((e) => !commonKeys.has(e.key));
        const indent = t.attr.startPosition.column;
        let value: string;
        if (rest.length === 0) value = `local.${p.local}`;
        else {
          const w = Math.max(...rest.map((e) => printKey(e.key).length));
          const pad = ' '.repeat(indent + 2);
          value = `merge(local.${p.local}, {\n${rest.map((e) => `${pad}${printKey(e.key).padEnd(w)} = ${reindent(text.slice(e.value.startIndex, e.value.endIndex), e.value.startPosition.column, indent + 2)}`).join('\n')}\n${' '.repeat(indent)}})`;
        }
        c.replaceNode(t.block.file, attributeValue(t.attr)!, value);
      }
    },
  );
}

export default defineTransform<Plan>({
  id: ID,
  title: 'Move repeated tags into common_tags',
  description: 'Tag pairs that every tagged resource of a module repeats move into local.common_tags, merged into each resource\u2019s own tags.',
  kinds: ['refactor'],
  optIn: false,
  options: {},
  plan,
  apply,
});

// The literal values of secret-like arguments and object keys in a module's text: what the
// dry-run diff masks whichever transforms ran (a password a merge moves into a locals map is
// still a password on a CI log), not only the values extract-secrets extracted.
import { attributeName, attributeValue, objectElements, stringValue } from '../cst/nodes.js';
import { parseHcl, type Node, type Tree } from '../cst/parser.js';
import { isSecretName, secretNameMentions } from './secret-names.js';

/** Words too common to mask everywhere they occur (a `token = "enabled"` is no secret). */
const PLAIN = /^(true|false|enabled|disabled|default|required|optional)$/i;

/**
 * Values of six characters or more (shorter ones would mask ordinary words in the diff).
 * `treeOf` gives a file's tree when the caller still has one for that text (it stays the
 * caller's); other files are parsed here.
 */
export function secretLiterals(files: Iterable<[string, string]>, treeOf: (name: string) => Tree | undefined = () => undefined): string[] {
  const out = new Set<string>();
  for (const [name, text] of files) {
    if (!name.endsWith('.tf')) continue;
    const mentions = secretNameMentions(text);
    if (mentions.length === 0) continue;
    const given = treeOf(name);
    const tree = given ?? parseHcl(text);
    try {
      // Only around the names: the attribute or object element nearest each one.
      for (const at of mentions) {
        for (let n: Node | null = tree.rootNode.descendantForIndex(at); n; n = n.parent) {
          if (n.type === 'attribute') {
            if (isSecretName(attributeName(n))) {
              const v = attributeValue(n);
              const s = v ? stringValue(v, text) : null;
              if (s) out.add(s);
            }
            break;
          }
          if (n.type === 'object_elem') {
            const e = n.parent ? objectElements(n.parent, text).find((x) => x.elem.startIndex === n!.startIndex) : undefined;
            const s = e && isSecretName(e.key) ? stringValue(e.value, text) : null;
            if (s) out.add(s);
            break;
          }
          if (n.type === 'block' || n.type === 'body') break;
        }
      }
    } finally {
      if (!given) tree.delete();
    }
  }
  return [...out].filter((v) => v.trim().length >= 6 && !PLAIN.test(v.trim()));
}

// The literal values of secret-like arguments and object keys in a module's text: what the
// dry-run diff masks whichever transforms ran (a password a merge moves into a locals map is
// still a password on a CI log), not only the values extract-secrets extracted.
import { attributeName, attributeValue, objectElements, stringValue, walk } from '../cst/nodes.js';
import { parseHcl } from '../cst/parser.js';
import { isSecretName, mentionsSecretName } from './secret-names.js';

/** Words too common to mask everywhere they occur (a `token = "enabled"` is no secret). */
const PLAIN = /^(true|false|enabled|disabled|default|required|optional)$/i;

/** Values of six characters or more (shorter ones would mask ordinary words in the diff). */
export function secretLiterals(files: Iterable<[string, string]>): string[] {
  const out = new Set<string>();
  for (const [name, text] of files) {
    if (!name.endsWith('.tf') || !mentionsSecretName(text)) continue;
    const tree = parseHcl(text);
    try {
      walk(tree.rootNode, (n) => {
        if (n.type === 'attribute' && isSecretName(attributeName(n))) {
          const v = attributeValue(n);
          const s = v ? stringValue(v, text) : null;
          if (s) out.add(s);
        } else if (n.type === 'object') {
          for (const e of objectElements(n, text)) {
            const s = isSecretName(e.key) ? stringValue(e.value, text) : null;
            if (s) out.add(s);
          }
        }
      });
    } finally {
      tree.delete();
    }
  }
  return [...out].filter((v) => v.trim().length >= 6 && !PLAIN.test(v.trim()));
}

// The index of one module directory: its blocks by kind and address, built from the parsed
// files. Read-only; transforms query it, the runner rebuilds it after each transform.
import {
  attributeOf,
  attributeValue,
  blockLabels,
  blockType,
  blocksOf,
  bodyOf,
  itemsOf,
  stringValue,
} from '../cst/nodes.js';
import type { Node, Tree } from '../cst/parser.js';
import type { LineEnding } from '../cst/text.js';
import { ignoreDirectiveFor, type IgnoreDirective } from './ignore-directive.js';

export interface SourceFile {
  /** Path relative to the module directory, with forward slashes. */
  name: string;
  text: string;
  tree: Tree;
  eol: LineEnding;
  /** Its top-level blocks, read once per parse (a changed file is a new SourceFile). */
  blocks?: BlockRef[];
}

export interface BlockRef {
  file: SourceFile;
  node: Node;
  type: string;
  labels: string[];
  body: Node | null;
  /** `# tfcodemod:ignore` on the line before the block. */
  ignore: IgnoreDirective | null;
}

/** Meta-arguments of resources and module calls (set per block, never per instance). */
export const META_ARGUMENTS: readonly string[] = ['count', 'for_each', 'provider', 'depends_on'];

/** The state address of a resource, data source or module call block (`data.x.y`, `module.m`); null for other blocks. */
export function blockAddress(b: BlockRef): string | null {
  const [a, n] = b.labels;
  if (b.type === 'resource' && a && n) return `${a}.${n}`;
  if (b.type === 'data' && a && n) return `data.${a}.${n}`;
  if (b.type === 'module' && a) return `module.${a}`;
  return null;
}

export interface ProviderConfig {
  block: BlockRef;
  /** Local name, e.g. `aws`. */
  name: string;
  alias: string | null;
  /** `aws` or `aws.primary`: how resources refer to it. */
  ref: string;
}

export interface LocalValue {
  block: BlockRef;
  name: string;
  attr: Node;
}

export class ModuleIndex {
  readonly blocks: BlockRef[] = [];
  /** Managed resources (`aws_vpc.main`) and data sources (`data.aws_ami.ubuntu`). */
  readonly resources = new Map<string, BlockRef>();
  readonly variables = new Map<string, BlockRef>();
  readonly outputs = new Map<string, BlockRef>();
  readonly locals = new Map<string, LocalValue>();
  readonly moduleCalls = new Map<string, BlockRef>();
  readonly providers: ProviderConfig[] = [];
  readonly terraformBlocks: BlockRef[] = [];

  constructor(readonly files: readonly SourceFile[]) {
    for (const file of files) {
      if (!file.name.endsWith('.tf')) continue;
      file.blocks ??= blocksOf(bodyOf(file.tree.rootNode)).map((node) => ({
        file,
        node,
        type: blockType(node),
        labels: blockLabels(node, file.text),
        body: bodyOf(node),
        ignore: ignoreDirectiveFor(node, file.text),
      }));
      for (const ref of file.blocks) this.add(ref);
    }
  }

  private add(ref: BlockRef): void {
    const file = ref.file;
    this.blocks.push(ref);
    const [a, b] = ref.labels;
    switch (ref.type) {
      case 'resource':
        if (a && b) this.resources.set(`${a}.${b}`, ref);
        break;
      case 'data':
        if (a && b) this.resources.set(`data.${a}.${b}`, ref);
        break;
      case 'variable':
        if (a) this.variables.set(a, ref);
        break;
      case 'output':
        if (a) this.outputs.set(a, ref);
        break;
      case 'module':
        if (a) this.moduleCalls.set(a, ref);
        break;
      case 'locals':
        for (const attr of itemsOf(ref.body)) {
          if (attr.type !== 'attribute') continue;
          const name = attr.namedChild(0)?.text ?? '';
          this.locals.set(name, { block: ref, name, attr });
        }
        break;
      case 'provider': {
        if (!a) break;
        const aliasAttr = attributeOf(ref.body, 'alias');
        const aliasValue = aliasAttr ? attributeValue(aliasAttr) : null;
        const alias = aliasValue ? stringValue(aliasValue, file.text) : null;
        this.providers.push({ block: ref, name: a, alias, ref: alias ? `${a}.${alias}` : a });
        break;
      }
      case 'terraform':
        this.terraformBlocks.push(ref);
        break;
    }
  }

  /** `backend "..." {}` blocks inside terraform blocks, with the terraform block holding them. */
  backends(): { terraform: BlockRef; node: Node; type: string }[] {
    const out: { terraform: BlockRef; node: Node; type: string }[] = [];
    for (const t of this.terraformBlocks) {
      for (const b of blocksOf(t.body, 'backend')) {
        out.push({ terraform: t, node: b, type: blockLabels(b, t.file.text)[0] ?? '' });
      }
      for (const c of blocksOf(t.body, 'cloud')) out.push({ terraform: t, node: c, type: 'cloud' });
    }
    return out;
  }

  /** Local `source` paths of module calls (`./modules/vpc`), for finding child modules. */
  localModuleSources(): string[] {
    const out: string[] = [];
    for (const m of this.moduleCalls.values()) {
      const src = attributeOf(m.body, 'source');
      const v = src && attributeValue(src);
      const s = v ? stringValue(v, m.file.text) : null;
      if (s && (s.startsWith('./') || s.startsWith('../'))) out.push(s);
    }
    return out;
  }

  /** The address a resource/data block is known by. */
  static addressOf(b: BlockRef): string | null {
    const [t, n] = b.labels;
    if (!t || !n) return null;
    if (b.type === 'resource') return `${t}.${n}`;
    if (b.type === 'data') return `data.${t}.${n}`;
    return null;
  }
}

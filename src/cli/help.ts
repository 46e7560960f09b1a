// --help and --list-transforms text.
import type { Transform } from '../engine/transform.js';

/** Words of `text` in lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

export function helpText(registry: readonly Transform<unknown>[], version: string): string {
  const transformFlags = registry.flatMap((t) =>
    Object.values(t.options)
      .filter((o) => o.flag)
      .map((o) => `  --${o.flag} ${o.type === 'boolean' ? '' : 'VALUE'}`.padEnd(32) + wrap(`${o.description} (${t.id})`, 100 - 32).join(`\n${' '.repeat(32)}`)),
  );
  return `tfcodemod ${version}: rewrite legacy Terraform into DRY, secure Terraform, losslessly.

Usage:
  tfcodemod [options] [paths...]    preview: unified diff on stdout, summary on stderr
  tfcodemod --write [paths...]      apply every change and write the migration script
  tfcodemod -i [paths...]           review each change in the terminal, then write the
                                    accepted ones (keys as git add -p; ? shows them)
  tfcodemod --check [paths...]      exit 1 if anything would change (for CI)
  tfcodemod verify BEFORE AFTER     prove a rewrite plans nothing (tfcodemod verify --help)

Each directory with .tf files under the paths (default: .) is a module. .terraform/ is
skipped and .gitignore is honoured. Root modules are those no scanned module calls.

Output:
  --write                       apply all changes, all-or-nothing, and write migrate-state.sh
                                per root module (refuses a dirty git work tree); first proves,
                                per workspace, that the refactor changes plan nothing
  --no-verify                   let --write skip that proof
  --check                       change nothing; exit 1 when there would be changes
  --json                        the JSON report on stdout (version 1), nothing else
  --patch FILE                  also write the exact patch (mode 0600); apply it from the
                                tree root with git apply or patch -p1
  --show-secrets                do not mask secret values in the diff
  --no-color                    no colours (default: colours when stdout is a terminal)

Selection:
  --transforms a,b              run only these transforms (see --list-transforms); behaviour
                                transforms run only when named here or in the config
  --list-transforms             list the transforms: kinds, descriptions, options, config keys;
                                opt-in behaviour ones: ${registry.filter((t) => t.optIn).map((t) => t.id).join(', ') || 'none'}
  --exclude GLOB                skip matching paths (repeatable), e.g. --exclude 'legacy/**'
                                '# tfcodemod:ignore' on the line before a block skips the block
  --environments dev,stg,prd    environment names (overrides detection)
  --migration-script PATH       where to write the script (only with one root module)
  --migration-format FORMAT     how state moves are delivered: script (migrate-state.sh, the
                                default for --strategy workspace), moved (moved blocks, the
                                default for --strategy for_each), or tfmigrate (tfmigrate/*.hcl:
                                state migrations inside a workspace, one multi_state migration
                                per workspace for --strategy workspace, which needs a remote
                                backend; never with a backend change in the same run)
  --config FILE                 config file (default: .tfcodemod.json at the tree root)
  --allow-dirty                 let --write run on uncommitted changes

Transform options:
${transformFlags.join('\n')}

  -h, --help                    this text
  -V, --version                 the version

Exit codes: 0 success or nothing to do; 1 --check found changes, or verify refused --write;
2 usage error, unreadable or invalid input, or a failed write (a module with invalid input is
skipped and reported; the others are still processed, and a run's writes are all-or-nothing).

The tree root is the git work tree holding the first path (else the current directory):
paths in diffs, patches and reports, and the S3 state keys, are relative to it.
`;
}

export function listTransforms(registry: readonly Transform<unknown>[]): string {
  const width = Math.max(...registry.map((t) => t.id.length));
  const lines: string[] = [];
  for (const t of registry) {
    lines.push(`${t.id.padEnd(width)}  ${t.kinds.join('|')}${t.optIn ? ' (opt-in)' : ''}`);
    lines.push(`${' '.repeat(width)}  ${t.description}`);
    for (const d of t.details ?? []) lines.push(`${' '.repeat(width)}  ${d}`);
    for (const [name, o] of Object.entries(t.options)) {
      const where = [o.flag ? `--${o.flag}` : '', o.config ? `config ${o.config}` : ''].filter(Boolean).join(', ');
      lines.push(`${' '.repeat(width)}  option ${name}: ${o.description}${where ? ` (${where})` : ''}`);
      for (const [field, f] of Object.entries(o.fields ?? {})) lines.push(`${' '.repeat(width)}    ${field} (${f.type}): ${f.description}`);
      if (o.example && o.config && (o.type === 'record-map' || o.type === 'number-map')) lines.push(`${' '.repeat(width)}    e.g. "${o.config}": ${o.example}`);
    }
  }
  return lines.join('\n') + '\n';
}

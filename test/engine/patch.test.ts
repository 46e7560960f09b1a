import { describe, expect, it } from 'vitest';
import { maskLine, renderDiff } from '../../src/engine/patch.js';

describe('renderDiff', () => {
  it('writes git-style headers and hunks, new files from line 0', () => {
    const d = renderDiff({ path: 'infra/secrets.tfvars', before: null, after: 'a = "x"\n', mode: 0o600 }, { color: false, secrets: [] });
    expect(d).toBe('diff --git a/infra/secrets.tfvars b/infra/secrets.tfvars\nnew file mode 100644\n--- /dev/null\n+++ b/infra/secrets.tfvars\n@@ -0,0 +1,1 @@\n+a = "x"\n');
    const s = renderDiff({ path: 'm.sh', before: null, after: '#!/bin/sh\n', mode: 0o755 }, { color: false, secrets: [] });
    expect(s).toContain('new file mode 100755');
  });

  it('marks a missing final newline and keeps CR characters', () => {
    const d = renderDiff({ path: 'a.tf', before: 'x = 1\r\ny = 2', after: 'x = 1\r\ny = 3' }, { color: false, secrets: [] });
    expect(d).toContain('-y = 2\n\\ No newline at end of file\n+y = 3\n\\ No newline at end of file');
    expect(d).toContain(' x = 1\r\n');
  });

  it('masks secret values, multi-line ones line by line', () => {
    const d = renderDiff(
      { path: 'a.tf', before: 'password = "hunter22"\nkey = <<EOT\nline-one-secret\nEOT\n', after: 'password = var.p\nkey = var.k\n' },
      { color: false, secrets: ['hunter22', 'line-one-secret\n'] },
    );
    expect(d).not.toContain('hunter22');
    expect(d).not.toContain('line-one-secret');
    expect(d).toContain('-password = "********"');
  });

  it('masks short secrets only as whole quoted strings, and escaped forms', () => {
    expect(maskLine('+x = "abc" # abc', ['abc'])).toBe('+x = "********" # abc');
    expect(maskLine('+p = "say \\"hi\\" now"', ['say "hi" now'])).toBe('+p = "********"');
  });

  it('colours only when asked', () => {
    const d = renderDiff({ path: 'a.tf', before: 'a\n', after: 'b\n' }, { color: true, secrets: [] });
    expect(d).toContain('\x1b[31m-a\x1b[0m');
    expect(d).toContain('\x1b[32m+b\x1b[0m');
  });
});

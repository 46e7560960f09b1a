import { beforeAll, describe, expect, it } from 'vitest';
import { initParser } from '../../src/cst/parser.js';
import type { Effect } from '../../src/engine/types.js';
import { verifyModule } from '../../src/render/verify.js';

beforeAll(initParser);

/** A module already split by workspace: values looked up by terraform.workspace. */
const split = (dev: string, prod: string): Map<string, string> =>
  new Map([
    [
      'main.tf',
      `resource "aws_instance" "web" {
  ami           = "ami-0abc"
  instance_type = local.web_instance_type[terraform.workspace]
}

locals {
  web_instance_type = {
    dev  = "${dev}"
    prod = "${prod}"
  }
}
`,
    ],
  ]);

const effect = (workspace: string): Effect => ({ workspace, address: 'aws_instance.web', path: 'instance_type', action: 'update-with-outage' });

describe('verify with behaviour effects and no moves', () => {
  it('compares the workspaces the effects are in, not only default (where a split module plans nothing)', () => {
    // No output "workspace" here: the effects' workspaces are all verify knows.
    const r = verifyModule({ before: split('m5.large', 'm5.large'), after: split('t3.small', 'm5.large'), moves: [], effects: [effect('dev')] });
    expect(r.differences.map((d) => `${d.workspace} ${d.address} ${d.path} ${d.intended}`)).toEqual(['dev aws_instance.web instance_type true']);
    expect(r.equivalent).toBe(true);
  });

  it('in a module whose output "workspace" lists its workspaces, checks them all: what the effects do not cover fails', () => {
    const guard = `output "workspace" {
  value = terraform.workspace

  precondition {
    condition     = contains(["dev", "prod"], terraform.workspace)
    error_message = "Select dev or prod."
  }
}
`;
    const withGuard = (m: Map<string, string>): Map<string, string> => new Map([...m, ['environments.tf', guard]]);
    const r = verifyModule({ before: withGuard(split('m5.large', 'm5.large')), after: withGuard(split('t3.small', 'm5.large')), moves: [], effects: [effect('prod')] });
    expect(r.equivalent).toBe(false);
    expect(r.differences.filter((d) => !d.intended).map((d) => d.workspace)).toEqual(['dev']);
  });
});

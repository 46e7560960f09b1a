import { describe, expect, it } from 'vitest';
import { raiseConstraint } from '../../src/terraform/required-version.js';

describe('raiseConstraint to 1.10', () => {
  const cases: [string, string | null][] = [
    ['>= 1.3', '>= 1.10'],
    ['>= 1.3.0, < 2.0.0', '>= 1.10, < 2.0.0'],
    ['~> 1.5', '~> 1.10'],
    ['~> 1.5.0', '~> 1.10.0'],
    ['1.5.7', '>= 1.10'],
    ['= 1.5.7', '>= 1.10'],
    ['> 1.2', '>= 1.10'],
    ['< 1.6', '>= 1.10'],
    ['>= 0.12, != 1.4.0', '>= 1.10, != 1.4.0'],
    ['>= 1.10', null],
    ['>= 1.11.2', null],
    ['~> 1.10', null],
    ['= 1.10.3', null],
    ['not a constraint', null],
  ];
  for (const [input, expected] of cases) {
    it(`${input} -> ${expected ?? 'unchanged'}`, () => expect(raiseConstraint(input, '1.10')).toBe(expected));
  }
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { creditCodeSchema } from '../schemas/firm.js';
import { parseInput } from '../schemas/parse-input.js';
import { CREDIT_CODE_ALPHABET, creditCodeCheckCharacter, creditCodeProblem } from './credit-code.js';

// Codes printed on real business licences (published by the firms themselves).
const REAL_CODES = ['91350100M000100Y43', '91110000802100433B', '91440300708461136T'];

const alphabetChar = fc.constantFrom(...CREDIT_CODE_ALPHABET);
const validCode = fc
  .tuple(
    fc.array(alphabetChar, { minLength: 2, maxLength: 2 }),
    fc.array(fc.constantFrom(...'0123456789'), { minLength: 6, maxLength: 6 }),
    fc.array(alphabetChar, { minLength: 9, maxLength: 9 }),
  )
  .map(([head, division, organization]) => {
    const first17 = [...head, ...division, ...organization].join('');
    return first17 + creditCodeCheckCharacter(first17);
  });

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts real codes, typed in lower case or with spaces around them', () => {
    for (const code of REAL_CODES) {
      expect(creditCodeProblem(code)).toBeNull();
      expect(creditCodeSchema.parse(`  ${code.toLowerCase()} `)).toBe(code);
    }
  });

  it('catches every single mistyped character', () => {
    fc.assert(
      fc.property(validCode, fc.nat(17), alphabetChar, (code, position, replacement) => {
        fc.pre(code.charAt(position) !== replacement);
        const typo = code.slice(0, position) + replacement + code.slice(position + 1);
        // A letter in the division part breaks the shape; anything else breaks the check.
        expect(creditCodeProblem(typo)?.code).toMatch(/^credit_code_(check|characters)$/);
      }),
    );
  });

  it('says what is wrong, in Chinese first', () => {
    expect(creditCodeProblem('91350100M000100Y4')?.code).toBe('credit_code_length');
    expect(creditCodeProblem('91350100M000100YO3')?.code).toBe('credit_code_characters');
    expect(creditCodeProblem('91350100M000100Y44')?.zh).toContain('校验位');
    const refused = parseInput(
      z.object({ creditCode: creditCodeSchema }),
      { creditCode: '91350100M000100Y44' },
      'zh-CN',
    );
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.issues[0]?.path).toBe('creditCode');
      expect(refused.issues[0]?.message).toBe('「统一社会信用代码」：校验位不符，请核对营业执照上的代码。');
    }
  });
});

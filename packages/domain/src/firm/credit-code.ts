// 统一社会信用代码 (GB 32100-2015): 18 characters — registration authority, entity type, the
// 6-digit administrative division, the 9-character organization code, and a check character.
// The check is a weighted sum modulo 31 with weights 3^i mod 31; 31 is prime and no weight is 0, so
// any one mistyped character is caught. Firms type it from their business licence, in lower case
// as often as not, so it is read trimmed and upper-cased.
import { reason, type Reason } from '../shared/reason.js';

/** The 31 characters a code may use: digits and capitals without I, O, S, V and Z. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const SHAPE = new RegExp(`^[${CREDIT_CODE_ALPHABET}]{2}\\d{6}[${CREDIT_CODE_ALPHABET}]{10}$`);

/** The code as it is stored: trimmed, upper case. */
export function normalizeCreditCode(input: string): string {
  return input.trim().toUpperCase();
}

/** The check character for the first 17 characters (which must be from the alphabet). */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_ALPHABET.indexOf(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  return CREDIT_CODE_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/** Why a (normalized) code is not a valid 统一社会信用代码, or null when it is; the field's name is left to the caller. */
export function creditCodeProblem(code: string): Reason | null {
  if (code.length !== 18) {
    return reason(
      'credit_code_length',
      `应为 18 位，这里是 ${code.length} 位。`,
      `It has 18 characters, not ${code.length}.`,
    );
  }
  if (!SHAPE.test(code)) {
    return reason(
      'credit_code_characters',
      '只能含数字和大写字母（不含 I、O、S、V、Z），第 3–8 位是行政区划代码，只能是数字。',
      'Only digits and capitals other than I, O, S, V and Z; characters 3–8 are the division code, digits only.',
    );
  }
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  if (code.charAt(17) !== expected) {
    return reason(
      'credit_code_check',
      '校验位不符，请核对营业执照上的代码。',
      'The check character does not match; compare the code with the business licence.',
    );
  }
  return null;
}

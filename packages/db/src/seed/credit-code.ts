/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters — registering authority, entity type, the 6-digit
 * administrative division, the 9-character organisation code (GB 11714, with its own check digit)
 * and a final check character. Demo firms' codes are invented, but they pass both checks so that
 * any validation the API adds later accepts them.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const SHAPE = /^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/;

function organisationCheckDigit(body: string): string {
  // GB 11714 values letters A..Z as 10..35, i.e. base-36 digits.
  const sum = [...body].reduce((total, char, i) => total + parseInt(char, 36) * (ORG_WEIGHTS[i] ?? 0), 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

function creditCheckChar(first17: string): string {
  const sum = [...first17].reduce((total, char, i) => total + CHARSET.indexOf(char) * (WEIGHTS[i] ?? 0), 0);
  return CHARSET.charAt((31 - (sum % 31)) % 31);
}

export function isWellFormedCreditCode(code: string): boolean {
  if (!SHAPE.test(code)) return false;
  const organisation = code.slice(8, 17);
  return (
    organisationCheckDigit(organisation.slice(0, 8)) === organisation.charAt(8) &&
    creditCheckChar(code.slice(0, 17)) === code.charAt(17)
  );
}

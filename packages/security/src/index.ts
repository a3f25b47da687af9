export {
  DEFAULT_SCRYPT_PARAMS,
  decodePasswordHash,
  encodePasswordHash,
  hashPassword,
  needsRehash,
  verifyPassword,
  type DecodedHash,
  type ScryptParams,
} from './password.js';
export { hashToken, newToken } from './token.js';
export { MIN_STRENGTH_SCORE, passwordStrength, type PasswordStrength } from './password-strength.js';

import { describe, expect, it } from 'vitest';
import { passwordStrength } from './password-strength.js';

describe('passwordStrength', () => {
  it('finds common passwords and patterns that satisfy the character rules', () => {
    for (const password of ['P@ssw0rd2026', 'Password1!', 'Qwertyuiop1!', '1234567890Aa']) {
      expect(passwordStrength(password).guessable, password).toBe(true);
    }
  });

  it('counts the user’s own words as known', () => {
    expect(passwordStrength('Xiangshun2026', []).guessable).toBe(false);
    expect(passwordStrength('Xiangshun2026', ['xiangshun']).guessable).toBe(true);
  });

  it('lets strong passwords through, the documented demo password among them', () => {
    for (const password of ['Jinshui#2026', 'Xq7!mLp2rT', '锦水街道2026ab', 'Pilot@2024']) {
      expect(passwordStrength(password).guessable, password).toBe(false);
    }
  });
});

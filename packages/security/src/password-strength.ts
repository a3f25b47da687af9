import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/**
 * zxcvbn's score 3 means about 10^8–10^10 guesses: safe against online guessing and slow-hash
 * offline attacks. Below it are the common passwords, keyboard walks, repeats and dates that pass
 * any "three kinds of character" rule (`P@ssw0rd2026`, `Qwer1234!!`).
 */
export const MIN_STRENGTH_SCORE = 3;

// Building the matcher loads the dictionaries once (a few MB); the API process keeps it.
let factory: ZxcvbnFactory | undefined;
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return factory;
}

export interface PasswordStrength {
  /** 0–4, zxcvbn's scale. */
  score: number;
  /** Whether it is easy to guess: a common password, a pattern, or built from the user's own data. */
  guessable: boolean;
  /** zxcvbn's reason, as a code (`topTen`, `similarToCommon`, `userInputs`, …), when it has one. */
  reason: string | null;
}

/** How hard the password is to guess, counting the user's own words (username, name, phone) as known. */
export function passwordStrength(password: string, userInputs: readonly string[] = []): PasswordStrength {
  const result = estimator().check(password, [...userInputs]);
  return {
    score: result.score,
    guessable: result.score < MIN_STRENGTH_SCORE,
    reason: result.feedback.warning ?? null,
  };
}

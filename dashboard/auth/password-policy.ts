import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { InputError } from '../../core/index.js';

/** Passwords shorter than this are refused. */
export const minPasswordLength = 12;
/**
 * The lowest zxcvbn score (0-4) accepted. 3 means "safely unguessable" (about 10^8 guesses or
 * more): common passwords, keyboard walks, sequences and repeated characters score 0-2.
 */
export const minPasswordScore = 3;

const ruleText = `at least ${minPasswordLength} characters and a strength of at least ${minPasswordScore} of 4 (zxcvbn)`;

let estimator: Promise<ZxcvbnFactory> | undefined;

/** The estimator with the common and English dictionaries, built on first use (about 0.5 s). */
function passwordEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(
    ([{ ZxcvbnFactory }, common, english]) =>
      new ZxcvbnFactory({
        translations: english.translations,
        graphs: common.adjacencyGraphs,
        dictionary: { ...common.dictionary, ...english.dictionary },
      }),
  );
  return estimator;
}

export interface PasswordContext {
  /** The account's name: a password built from it is weak. */
  username?: string;
}

/**
 * Throws an InputError naming the rule when a password is too short, or common, repeated or
 * otherwise easy to guess (zxcvbn score below {@link minPasswordScore}).
 */
export async function checkPasswordPolicy(
  password: string,
  context: PasswordContext = {},
): Promise<void> {
  if ([...password].length < minPasswordLength) {
    throw new InputError(
      `the password is too short: it must have at least ${minPasswordLength} characters (a passphrase of a few words works well)`,
    );
  }
  const userInputs = ['adwatch', ...(context.username ? [context.username] : [])];
  const result = (await passwordEstimator()).check(password, userInputs);
  if (result.score >= minPasswordScore) return;
  const reasons = [result.feedback.warning, ...result.feedback.suggestions].filter(
    (text): text is string => typeof text === 'string' && text !== '',
  );
  throw new InputError(
    `the password is too easy to guess (strength ${result.score} of 4): passwords need ${ruleText}. ` +
      `${reasons.join(' ')} A passphrase of four or more unrelated words works well.`.trim(),
  );
}

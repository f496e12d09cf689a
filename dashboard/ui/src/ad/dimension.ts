import type { MessageKey, Translate } from '../i18n/index.js';

const known = new Set([
  'deceptive-recruitment',
  'abuse-of-vulnerability',
  'coercion-exploitation',
  'criminal-exploitation',
  'legitimacy',
]);

/** The ILO dimension in the analyst's language; an unknown id is shown as it is. */
export function dimensionName(dimension: string, t: Translate): string {
  return known.has(dimension) ? t(`dimension.${dimension}` as MessageKey) : dimension;
}

import type { EvidenceSpan } from '../assessment.types.js';

/** The evidence span for `source[start, end)`, trimmed of surrounding whitespace and punctuation. */
export function spanOf(source: string, start: number, end: number): EvidenceSpan {
  while (start < end && /[\s,;:.()[\]"'«»]/u.test(source[start])) start++;
  while (end > start && /[\s,;:.([\]"'«»]/u.test(source[end - 1])) end--;
  return { start, end, text: source.slice(start, end) };
}

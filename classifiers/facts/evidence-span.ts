import type { EvidenceSpan } from '../assessment.types.js';
import { SPACE, charFlags } from '../text/char-class.js';

/** Characters trimmed from the start of a span: `[\s,;:.()[\]"'«»]`. */
function trimsAtStart(code: number): boolean {
  switch (code) {
    case 0x2c: // ,
    case 0x3b: // ;
    case 0x3a: // :
    case 0x2e: // .
    case 0x28: // (
    case 0x29: // )
    case 0x5b: // [
    case 0x5d: // ]
    case 0x22: // "
    case 0x27: // '
    case 0xab: // «
    case 0xbb: // »
      return true;
    default:
      return (charFlags(code) & SPACE) !== 0;
  }
}

/** Characters trimmed from the end of a span: the same without `)`, which closes a phrase. */
function trimsAtEnd(code: number): boolean {
  return code !== 0x29 && trimsAtStart(code);
}

/** The evidence span for `source[start, end)`, trimmed of surrounding whitespace and punctuation. */
export function spanOf(source: string, start: number, end: number): EvidenceSpan {
  // Compared by UTF-16 unit, as the regex this replaces did: none of the trimmed characters is
  // a surrogate, and `\s` has no astral members.
  while (start < end && trimsAtStart(source.charCodeAt(start))) start++;
  while (end > start && trimsAtEnd(source.charCodeAt(end - 1))) end--;
  return { start, end, text: source.slice(start, end) };
}

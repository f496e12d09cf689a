/**
 * The matches `text.matchAll(re)` gives, as an array, for a global regex (`g`) whose `lastIndex`
 * is 0, as every regex here is between uses. `matchAll` copies the regex on every call (about
 * 130 ns, and the classifier makes about twenty such calls per ad); this runs `re` itself and
 * leaves its `lastIndex` at 0 again. An empty match moves on by one character (a whole surrogate
 * pair with the `u` or `v` flag), as `matchAll` does.
 */
export function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    matches.push(m);
    if (m[0].length === 0)
      re.lastIndex = advance(text, re.lastIndex, re.unicode || re.flags.includes('v'));
  }
  return matches;
}

/** AdvanceStringIndex of the ECMAScript specification. */
function advance(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const lead = text.charCodeAt(index);
  if (lead < 0xd800 || lead > 0xdbff) return index + 1;
  const trail = text.charCodeAt(index + 1);
  return trail >= 0xdc00 && trail <= 0xdfff ? index + 2 : index + 1;
}

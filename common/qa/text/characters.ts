/**
 * Character counting shared by the checks: the character limit, and the length of a word in a script without
 * spaces. Counted in Unicode code points of the NFC form, the way a PHP server (`mb_strlen`) counts, so a letter
 * typed as a base and a combining accent counts once, as it shows.
 */

/** The number of characters in `text`: Unicode code points of its NFC form. */
export function countCharacters(text: string): number {
  const normalized = text.normalize('NFC');
  let count = 0;
  for (let index = 0; index < normalized.length; index += 1) {
    const code = normalized.charCodeAt(index);
    if (code < 0xdc00 || code > 0xdfff) count += 1;
  }
  return count;
}


/**
 * True when the UTF-16 code is white space as the pattern `\s` reads it (JavaScript's white space and line
 * terminators). The checks look at single characters millions of times in a project scan; a comparison of numbers
 * costs a fraction of matching a one-character string against a pattern.
 */
export function isSpaceCode(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** True when `text` holds nothing but white space (or nothing), as `!/\S/u.test(text)` would say, without a pattern. */
export function isBlankText(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) if (!isSpaceCode(text.charCodeAt(index))) return false;
  return true;
}

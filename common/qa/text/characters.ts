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


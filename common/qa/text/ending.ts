/**
 * Where a text's final punctuation could be, for the end-punctuation check: before trailing white space, closing
 * quotes and brackets, closing tags and emoji ("<b>Done!</b> 🎉" ends with "!").
 */

/** What may follow the final mark without being the end: closing quotes and brackets, emoji joiners (and see `bodyEnd`). */
const trailing = new Set(['"', "'", '”', '’', '»', '›', '」', '』', '）', ')', ']', '】', '〕', '〉', '》', '\ufe0f', '\u200d']);
const pictographic = /^(?:\p{Extended_Pictographic}|[\u{1f3fb}-\u{1f3ff}])$/u;
const space = /^\s$/u;

/**
 * Where the text's last punctuation could be: before trailing white space, closing quotes and brackets, closing
 * tags and emoji. A backwards scan, not a regex anchored at the end, which would be tried at every position.
 */
export function bodyEnd(text: string): number {
  let end = text.length;
  while (end > 0) {
    const last = text[end - 1] ?? '';
    const code = last.charCodeAt(0);
    if (code < 0x80 ? code <= 0x20 : space.test(last)) end -= 1;
    else if (trailing.has(last)) end -= 1;
    else if (last === '>') {
      const open = text.lastIndexOf('<', end - 1);
      if (open < 0 || text[open + 1] !== '/') break;
      end = open;
    } else if (code >= 0xdc00 && code <= 0xdfff && end >= 2 && pictographic.test(text.slice(end - 2, end))) end -= 2;
    else if (code >= 0x2000 && pictographic.test(last)) end -= 1;
    else break;
  }
  return end;
}


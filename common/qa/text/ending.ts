/**
 * Where a text's final punctuation could be, for the end-punctuation check: before trailing white space, closing
 * quotes and brackets, closing tags and emoji ("<b>Done!</b> 🎉" ends with "!").
 */
import { isSpaceCode } from './characters';

/** What may follow the final mark without being the end: closing quotes and brackets, emoji joiners (and see `bodyEnd`). */
const trailing: ReadonlySet<number> = new Set(['"', "'", '”', '’', '»', '›', '」', '』', '）', ')', ']', '】', '〕', '〉', '》', '\ufe0f', '\u200d'].map((mark) => mark.charCodeAt(0)));
const pictographic = /^(?:\p{Extended_Pictographic}|[\u{1f3fb}-\u{1f3ff}])$/u;

/**
 * Where the text's last punctuation could be: before trailing white space, closing quotes and brackets, closing
 * tags and emoji. A backwards scan, not a regex anchored at the end, which would be tried at every position.
 */
export function bodyEnd(text: string): number {
  let end = text.length;
  while (end > 0) {
    const code = text.charCodeAt(end - 1);
    if (code < 0x80) {
      // ASCII, the usual last character: white space and control characters, the closing " ' ) ], or a closing tag.
      if (code <= 0x20 || code === 0x22 || code === 0x27 || code === 0x29 || code === 0x5d) {
        end -= 1;
        continue;
      }
      if (code !== 0x3e /* > */) break;
      const open = text.lastIndexOf('<', end - 1);
      if (open < 0 || text[open + 1] !== '/') break;
      end = open;
      continue;
    }
    if (isSpaceCode(code) || trailing.has(code)) end -= 1;
    else if (code >= 0xdc00 && code <= 0xdfff && end >= 2 && pictographic.test(text.slice(end - 2, end))) end -= 2;
    // No code point of the Basic Multilingual Plane above U+3299 is pictographic: CJK text skips the pattern.
    else if (code >= 0x2000 && code <= 0x3299 && pictographic.test(text[end - 1] ?? '')) end -= 1;
    else break;
  }
  return end;
}

/**
 * A translation identical to its source usually means it was never translated. Short sources are left alone:
 * "OK", "Email", "Instagram", "%s", "1/2" read the same in many languages, and flagging them would bury the real
 * cases.
 */
import { countCharacters } from '../text/characters';
import { type FormCheck } from './context';

const words = /\p{L}+/gu;
const unspacedScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/**
 * Worth translating: at least two words with one of three letters or more, or for scripts written without spaces,
 * four letters. Placeholders, tags, addresses and numbers do not count (the human text is read).
 */
export function isWorthTranslating(plain: string): boolean {
  const found = plain.match(words) ?? [];
  if (found.length >= 2 && found.some((word) => countCharacters(word) >= 3)) return true;
  if (!unspacedScript.test(plain)) return false;
  return found.reduce((sum, word) => sum + countCharacters(word), 0) >= 4;
}

/** The translation is the source, word for word, and the source is worth translating. */
export const checkSameAsSource: FormCheck = (pair, report) => {
  if (pair.target.text !== pair.source.text) return;
  if (pair.sourceLanguage.base === pair.targetLanguage.base) return;
  if (!isWorthTranslating(pair.source.plain)) return;
  report({ message: 'The translation is the same as the source. Translate it, or confirm it reads the same in this language.', token: null, range: null });
};

/**
 * Finds brackets and quotation marks without a partner, across the conventions translators meet: ASCII and
 * full-width brackets, CJK corner and lenticular brackets, «guillemets» either way round (»Danish«), German „…“ and
 * ‚…‘, Polish „…”, Swedish ”…”. Straight apostrophes are never counted (they are apostrophes far more often than
 * quotes, and ICU uses them for escaping); a curly ’ is counted only as the partner of an opening ‘ or ‚, since it
 * is also the typographic apostrophe (l’été, don’t).
 */
/** A bracket or quotation mark without its partner. */
export interface UnpairedSymbol {
  readonly symbol: string;
  readonly index: number;
  /** The pair it belongs to (its opening symbol), so a source with the same loose pair can excuse it. */
  readonly pair: string;
}

/** Each opening bracket's closing partner. */
export const closingFor: Readonly<Record<string, string>> = {
  '(': ')', '[': ']', '{': '}', '（': '）', '［': '］', '｛': '｝', '【': '】', '〔': '〕', '〈': '〉', '《': '》', '「': '」',
  '『': '』', '〖': '〗', '〘': '〙', '〚': '〛', '｢': '｣', '⦅': '⦆',
};
/** The brackets by UTF-16 code (all are in the Basic Multilingual Plane): opening → closing, and closing → opening. */
const closingCode: ReadonlyMap<number, number> = new Map(Object.entries(closingFor).map(([open, close]) => [open.charCodeAt(0), close.charCodeAt(0)]));
const openingCode: ReadonlyMap<number, number> = new Map(Object.entries(closingFor).map(([open, close]) => [close.charCodeAt(0), open.charCodeAt(0)]));

/** Any bracket. A pattern finds one faster than a loop over the characters: V8 scans for a class in native code. */
const bracketCharacters = /[()[\]{}（）［］｛｝【】〔〕〈〉《》「」『』〖〗〘〙〚〛｢｣⦅⦆]/u;
const bracketScan = new RegExp(bracketCharacters.source, 'gu');

/** True when `text` holds a bracket of any kind: a text without one has nothing to pair. */
export function hasBracket(text: string): boolean {
  return bracketCharacters.test(text);
}

/**
 * Brackets that are no pair by nature: smileys (`:)`, `;-(`, `(:`) and list markers at a line start or after a
 * space (`1)`, `a)`, `iv)`).
 */
const loneBrackets = /(?<=^|\s)[:;=8][-'^o]?[()[\]]|[()[\]][-'^]?[:;=](?=\s|$)|(?<=^|\s)(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4})\)(?=\s)/gu;

/**
 * What every match of `loneBrackets` holds: a ( ) [ ] with a smiley's character before or after it, or a `)`
 * between a letter or digit and white space. Most texts have none, so `loneBrackets` (its look-behind tried at
 * every position) runs only where it can find something.
 */
const mayHoldLoneBracket = /[:;=8'^o-][()[\]]|[()[\]][-'^:;=]|[0-9A-Za-z]\)\s/u;

/** Brackets opened and not closed, closed and not opened, or closed out of order. Braces only when `withBraces`. */
export function findUnpairedBrackets(text: string, withBraces: boolean): UnpairedSymbol[] {
  if (!bracketCharacters.test(text)) return [];
  const scanned = mayHoldLoneBracket.test(text) ? text.replace(loneBrackets, (match) => ' '.repeat(match.length)) : text;
  const open: number[] = [];
  const unpaired: UnpairedSymbol[] = [];
  bracketScan.lastIndex = 0;
  for (let match = bracketScan.exec(scanned); match !== null; match = bracketScan.exec(scanned)) {
    const index = match.index;
    const code = scanned.charCodeAt(index);
    if (!withBraces && (code === 0x7b || code === 0x7d)) continue;
    if (closingCode.has(code)) {
      open.push(index);
      continue;
    }
    const opening = openingCode.get(code) ?? 0;
    const innermost = open.at(-1);
    if (innermost !== undefined && scanned.charCodeAt(innermost) === opening) open.pop();
    else unpaired.push({ symbol: scanned.charAt(index), index, pair: String.fromCharCode(opening) });
  }
  for (const index of open) unpaired.push({ symbol: scanned.charAt(index), index, pair: scanned.charAt(index) });
  return unpaired.sort((left, right) => left.index - right.index);
}

/** Any quotation mark this file pairs. */
const quoteCharacters = /["«»‹›“”„‟‘‚]/u;

/** True when `text` holds a quotation mark this file pairs. */
export function hasQuote(text: string): boolean {
  return quoteCharacters.test(text);
}

function occurrences(text: string, symbols: string): number[] {
  const found: number[] = [];
  for (const symbol of symbols) for (let index = text.indexOf(symbol); index >= 0; index = text.indexOf(symbol, index + 1)) found.push(index);
  return symbols.length > 1 ? found.sort((left, right) => left - right) : found;
}

/** A pair whose two sides are different symbols (« », ‹ ›): unpaired when the counts differ, whichever way round. */
function countedPair(text: string, first: string, second: string, into: UnpairedSymbol[]): void {
  const firsts = occurrences(text, first);
  const seconds = occurrences(text, second);
  if (firsts.length === seconds.length) return;
  const more = firsts.length > seconds.length ? firsts : seconds;
  const index = more.at(-1) ?? 0;
  into.push({ symbol: text[index] ?? first, index, pair: first });
}

/** A family whose marks pair up with each other in some language (`"`; “ ” „ ‟): unpaired when the count is odd. */
function evenFamily(text: string, symbols: string, pair: string, into: UnpairedSymbol[]): void {
  const found = occurrences(text, symbols);
  if (found.length % 2 === 0) return;
  const index = found.at(-1) ?? 0;
  into.push({ symbol: text[index] ?? pair, index, pair });
}

/** Quotation marks without a partner. */
export function findUnpairedQuotes(text: string): UnpairedSymbol[] {
  if (!hasQuote(text)) return [];
  const unpaired: UnpairedSymbol[] = [];
  evenFamily(text, '"', '"', unpaired);
  countedPair(text, '«', '»', unpaired);
  countedPair(text, '‹', '›', unpaired);
  evenFamily(text, '“”„‟', '“', unpaired);
  // Single curly quotes: each opening ‘ or ‚ needs a closing ’ or ‘ after it (English ‘…’, German ‚…‘).
  const opener = /[‘‚]/gu;
  for (let match = opener.exec(text); match !== null; match = opener.exec(text)) {
    const closer = text.slice(match.index + 1).search(/[’‘]/u);
    if (closer < 0) {
      unpaired.push({ symbol: match[0], index: match.index, pair: '‘' });
      break;
    }
    opener.lastIndex = match.index + 2 + closer;
  }
  return unpaired.sort((left, right) => left.index - right.index);
}

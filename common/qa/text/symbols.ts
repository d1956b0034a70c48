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
const openingFor: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(closingFor).map(([open, close]) => [close, open]));
/** Any bracket; a text without one has nothing to pair. */
export const bracketCharacters = /[()[\]{}（）［］｛｝【】〔〕〈〉《》「」『』〖〗〘〙〚〛｢｣⦅⦆]/u;
const bracketScan = new RegExp(bracketCharacters.source, 'gu');

/**
 * Brackets that are no pair by nature: smileys (`:)`, `;-(`, `(:`) and list markers at a line start or after a
 * space (`1)`, `a)`, `iv)`).
 */
const loneBrackets = /(?<=^|\s)[:;=8][-'^o]?[()[\]]|[()[\]][-'^]?[:;=](?=\s|$)|(?<=^|\s)(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4})\)(?=\s)/gu;

function blankLoneBrackets(text: string): string {
  if (!/[:;=8]|\)/.test(text)) return text;
  return text.replace(loneBrackets, (match) => ' '.repeat(match.length));
}

/** Brackets opened and not closed, closed and not opened, or closed out of order. Braces only when `withBraces`. */
export function findUnpairedBrackets(text: string, withBraces: boolean): UnpairedSymbol[] {
  if (!bracketCharacters.test(text)) return [];
  const scanned = blankLoneBrackets(text);
  const open: { symbol: string; index: number }[] = [];
  const unpaired: UnpairedSymbol[] = [];
  bracketScan.lastIndex = 0;
  for (let match = bracketScan.exec(scanned); match !== null; match = bracketScan.exec(scanned)) {
    const symbol = match[0];
    const index = match.index;
    if (!withBraces && (symbol === '{' || symbol === '}')) continue;
    if (closingFor[symbol] !== undefined) open.push({ symbol, index });
    else {
      const opening = openingFor[symbol];
      if (opening === undefined) continue;
      if (open.at(-1)?.symbol === opening) open.pop();
      else unpaired.push({ symbol, index, pair: opening });
    }
  }
  for (const left of open) unpaired.push({ symbol: left.symbol, index: left.index, pair: left.symbol });
  return unpaired.sort((left, right) => left.index - right.index);
}

/** Any quotation mark this file pairs. */
export const quoteCharacters = /["«»‹›“”„‟‘‚]/u;

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
  if (!quoteCharacters.test(text)) return [];
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

/**
 * Punctuation checks: brackets and quotation marks without a partner, and the final punctuation mark. Each one
 * knows the conventions of other scripts (full-width CJK marks, Arabic ؟ and ،, Greek ; as a question mark, Hindi
 * ।, Spanish ¿ and ¡), and forgives what the source does itself (a list marker "1)" is no error if the source has it).
 */
import type { LanguageInfo } from '../language';
import type { TextAnalysis } from '../text/analysis';
import { closingFor, findUnpairedBrackets, hasBracket, hasQuote, type UnpairedSymbol } from '../text/symbols';
import { shown, span, type FormCheck, type Report } from './context';

function reportUnpaired(target: readonly UnpairedSymbol[], source: readonly UnpairedSymbol[], describe: (symbol: UnpairedSymbol) => string, report: Report): void {
  if (target.length === 0) return;
  const excused = new Set(source.map((symbol) => symbol.pair));
  for (const symbol of target) {
    if (excused.has(symbol.pair)) continue;
    report({ message: describe(symbol), token: symbol.symbol, range: span(symbol.index, symbol.index + symbol.symbol.length) });
  }
}

/** Brackets opened and not closed, or closed and not opened. */
export const checkUnpairedBrackets: FormCheck = (pair, report) => {
  // A broken ICU message is the ICU check's to report; its braces would only repeat it.
  if (!hasBracket(pair.target.text)) return;
  const withBraces = pair.target.icu?.ok !== false;
  const target = withBraces ? pair.target.unpairedBrackets : findUnpairedBrackets(pair.target.plain, false);
  if (target.length === 0) return;
  reportUnpaired(
    target,
    pair.source.unpairedBrackets,
    (symbol) =>
      symbol.pair === symbol.symbol
        ? `${shown(symbol.symbol)} is opened and not closed: add ${shown(closingFor[symbol.symbol] ?? '')} or remove it.`
        : `${shown(symbol.symbol)} closes a bracket that is not open: add ${shown(symbol.pair)} or remove it.`,
    report,
  );
};

/** Quotation marks without a partner. */
export const checkUnpairedQuotes: FormCheck = (pair, report) => {
  if (!hasQuote(pair.target.text)) return;
  const target = pair.target.unpairedQuotes;
  if (target.length === 0) return;
  reportUnpaired(target, pair.source.unpairedQuotes, (symbol) => `The quotation mark ${shown(symbol.symbol)} has no partner: add the matching one or remove it.`, report);
};

type Ending = 'period' | 'question' | 'exclamation' | 'colon' | 'semicolon' | 'comma' | 'ellipsis' | 'none';

const endingOf: Readonly<Record<string, Ending>> = {
  '.': 'period', '。': 'period', '｡': 'period', '．': 'period', '।': 'period', '॥': 'period', '۔': 'period', '።': 'period', '։': 'period',
  '။': 'period', '។': 'period', '܂': 'period',
  '?': 'question', '？': 'question', '؟': 'question', '\u037e': 'question', '՞': 'question', '፧': 'question',
  '!': 'exclamation', '！': 'exclamation',
  ':': 'colon', '：': 'colon',
  ';': 'semicolon', '；': 'semicolon', '؛': 'semicolon',
  ',': 'comma', '，': 'comma', '、': 'comma', '،': 'comma',
  '…': 'ellipsis', '⋯': 'ellipsis', '‥': 'ellipsis',
};

/** `endingOf` by UTF-16 code: a lookup by number, where one by a one-character string costs a string-table probe. */
const endingByCode: ReadonlyMap<number, Ending> = new Map(Object.entries(endingOf).map(([mark, kind]) => [mark.charCodeAt(0), kind]));

const endingNames: Readonly<Record<Ending, string>> = {
  period: 'a full stop',
  question: 'a question mark',
  exclamation: 'an exclamation mark',
  colon: 'a colon',
  semicolon: 'a semicolon',
  comma: 'a comma',
  ellipsis: 'an ellipsis',
  none: 'no punctuation',
};

interface End {
  readonly kind: Ending;
  readonly mark: string;
  readonly index: number;
}

const noEnding: End = { kind: 'none', mark: '', index: -1 };

/** The final mark of the text's body; read by index, with no copy of the text (this runs on every translation). */
function ending(analysis: TextAnalysis, language: LanguageInfo): End {
  const text = analysis.text;
  const end = analysis.endOfBody;
  if (end >= 3 && text.endsWith('...', end)) return { kind: 'ellipsis', mark: '...', index: end - 3 };
  if (end === 0) return noEnding;
  const code = text.charCodeAt(end - 1);
  const kind = code === 0x3b /* ; */ && language.base === 'el' ? 'question' : (endingByCode.get(code) ?? 'none');
  return kind === 'none' ? { kind, mark: '', index: end - 1 } : { kind, mark: text[end - 1] ?? '', index: end - 1 };
}

/** The translation ends with other punctuation than the source; Spanish questions and exclamations open with ¿ ¡. */
export const checkEndPunctuation: FormCheck = (pair, report) => {
  const source = ending(pair.source, pair.sourceLanguage);
  const target = ending(pair.target, pair.targetLanguage);
  const range = target.kind === 'none' ? null : span(target.index, target.index + target.mark.length);
  if (source.kind !== target.kind) {
    if (source.kind === 'period' && target.kind === 'none' && pair.targetLanguage.endsSentencesWithoutPeriod) return;
    if (source.kind === 'question' && pair.targetLanguage.base === 'hy' && pair.target.text.includes('՞')) return;
    report({
      message: `The source ends with ${endingNames[source.kind]}${source.mark === '' ? '' : ` (${shown(source.mark)})`} and the translation with ${endingNames[target.kind]}${target.mark === '' ? '' : ` (${shown(target.mark)})`}.`,
      token: target.mark === '' ? null : target.mark,
      range,
    });
    return;
  }
  // Only a mark that ends a sentence opens one: a lone "?" as a link's text is no question.
  if (pair.targetLanguage.base !== 'es' || !/[\p{L}\p{N}"”»)]/u.test(pair.target.plain[target.index - 1] ?? '')) return;
  if (target.kind === 'question' && !pair.target.text.includes('¿')) {
    report({ message: `A Spanish question opens with ¿ as well as ending with ${shown(target.mark)}: add ¿ where the question starts.`, token: target.mark, range });
  } else if (target.kind === 'exclamation' && !pair.target.text.includes('¡')) {
    report({ message: `A Spanish exclamation opens with ¡ as well as ending with ${shown(target.mark)}: add ¡ where the exclamation starts.`, token: target.mark, range });
  }
};

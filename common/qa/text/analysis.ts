/**
 * One text, read once for every check that needs it. Each part (tokens, ICU reading, human text, numbers) is worked
 * out the first time a check asks and kept, so a check that does not run costs nothing and a source compared with
 * ten translations is read once (see `analyzeSource`).
 */
import { readIcu, type IcuReading } from './icu';
import { isBlankText } from './characters';
import { bodyEnd } from './ending';
import { findNumbers, type FoundNumber } from './numbers';
import { findUnpairedBrackets, findUnpairedQuotes, type UnpairedSymbol } from './symbols';
import { findBraceArguments, mayBeIcu, tokenize, type Placeholder, type TextTokens } from './tokens';

const anyDigit = /\p{Nd}/u;
const noNumbers: readonly FoundNumber[] = [];

/** A text and what the checks have read from it so far. */
export class TextAnalysis {
  public readonly text: string;
  private tokenCache: TextTokens | undefined;
  private icuCache: IcuReading | null | undefined;
  private braceCache: readonly Placeholder[] | undefined;
  private plainCache: string | undefined;
  private numberCache: readonly FoundNumber[] | undefined;
  private endCache: number | undefined;
  private bracketCache: readonly UnpairedSymbol[] | undefined;
  private quoteCache: readonly UnpairedSymbol[] | undefined;

  public constructor(text: string) {
    this.text = text;
  }

  /** True when the text has nothing but white space. */
  public get isBlank(): boolean {
    return isBlankText(this.text);
  }

  /** Placeholders (except ICU's), tags, web and e-mail addresses. */
  public get tokens(): TextTokens {
    this.tokenCache ??= tokenize(this.text);
    return this.tokenCache;
  }

  /** The ICU reading, or null when no `{` in the text could start an ICU argument (so it is not ICU at all). */
  public get icu(): IcuReading | null {
    if (this.icuCache === undefined) this.icuCache = mayBeIcu(this.text) ? readIcu(this.text) : null;
    return this.icuCache;
  }

  /** `{name}` arguments found by pattern, for comparing texts the ICU parser cannot read. */
  public get braceArguments(): readonly Placeholder[] {
    this.braceCache ??= findBraceArguments(this.text);
    return this.braceCache;
  }

  /**
   * The human text: the same length as the text, with placeholders, tags, addresses and ICU syntax replaced by
   * spaces, so offsets still point into the text.
   */
  public get plain(): string {
    this.plainCache ??= this.blankMachineParts();
    return this.plainCache;
  }

  /** Numbers in the human text. */
  public get numbers(): readonly FoundNumber[] {
    this.numberCache ??= anyDigit.test(this.text) ? findNumbers(this.plain) : noNumbers;
    return this.numberCache;
  }

  /** Where the final punctuation could be (see `bodyEnd`). */
  public get endOfBody(): number {
    this.endCache ??= bodyEnd(this.text);
    return this.endCache;
  }

  /** Brackets in the human text without a partner (braces included). */
  public get unpairedBrackets(): readonly UnpairedSymbol[] {
    this.bracketCache ??= findUnpairedBrackets(this.plain, true);
    return this.bracketCache;
  }

  /** Quotation marks in the human text without a partner. */
  public get unpairedQuotes(): readonly UnpairedSymbol[] {
    this.quoteCache ??= findUnpairedQuotes(this.plain);
    return this.quoteCache;
  }

  private blankMachineParts(): string {
    const { placeholders, tags, urls, emails } = this.tokens;
    const ranges: (readonly [number, number])[] = [];
    for (const list of [placeholders, tags, urls, emails]) for (const item of list) ranges.push([item.start, item.end]);
    const icu = this.icu;
    if (icu?.ok === true) {
      let cursor = 0;
      for (const [start, end] of [...icu.message.literalRanges].sort((left, right) => left[0] - right[0])) {
        if (start > cursor) ranges.push([cursor, start]);
        cursor = Math.max(cursor, end);
      }
      if (cursor < this.text.length) ranges.push([cursor, this.text.length]);
    } else if (icu !== null) {
      for (const argument of this.braceArguments) ranges.push([argument.start, argument.end]);
    }
    if (ranges.length === 0) return this.text;
    ranges.sort((left, right) => left[0] - right[0]);
    let plain = '';
    let cursor = 0;
    for (const [start, end] of ranges) {
      if (end <= cursor) continue;
      const from = Math.max(start, cursor);
      plain += this.text.slice(cursor, from) + ' '.repeat(end - from);
      cursor = end;
    }
    return plain + this.text.slice(cursor);
  }
}

const sourceMemo = new Map<string, TextAnalysis>();
const sourceMemoSize = 256;

/**
 * The analysis of a source text, shared: the editor checks the same source on every keystroke and a project scan
 * checks each source against every language, so reading it once saves most of the work. Bounded, so memory stays
 * flat over a million keys.
 */
export function analyzeSource(text: string): TextAnalysis {
  let analysis = sourceMemo.get(text);
  if (analysis === undefined) {
    if (sourceMemo.size >= sourceMemoSize) sourceMemo.clear();
    analysis = new TextAnalysis(text);
    sourceMemo.set(text, analysis);
  }
  return analysis;
}

/**
 * Reads ICU MessageFormat with FormatJS's parser (the one react-intl and most JavaScript ICU runtimes use), so a
 * translation is judged by the same grammar that will format it. Tags are left to the HTML check (`ignoreTag`), and
 * every plural or select must have `other`, as ICU runtimes require at format time.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/** What the checks need from a parsed ICU message. */
export interface IcuMessage {
  /** Argument names, each as the translator sees it (`{name}`), in order of first appearance. */
  readonly argumentNames: readonly string[];
  /** Option names of each select argument (`male`, `female`, `other`): chosen by code, so never translated. */
  readonly selectOptions: ReadonlyMap<string, readonly string[]>;
  /** For each plural argument, whether its `other` case shows the number (`#` or the argument itself). */
  readonly pluralShowsCount: ReadonlyMap<string, boolean>;
  /** The ranges of the text that are human text (ICU syntax excluded), for the checks that read words and digits. */
  readonly literalRanges: readonly (readonly [number, number])[];
}

/** An ICU syntax error with a translator's explanation. */
export interface IcuProblem {
  readonly kind: string;
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

export type IcuReading = { readonly ok: true; readonly message: IcuMessage } | { readonly ok: false; readonly problem: IcuProblem };

const explanations: Readonly<Record<string, string>> = {
  EXPECT_ARGUMENT_CLOSING_BRACE: 'A { is not closed: add the matching } as in the source.',
  EMPTY_ARGUMENT: 'There is an empty {}: put back the argument name from the source, or remove the braces.',
  MALFORMED_ARGUMENT: 'The name inside { } is not a valid argument name: copy it from the source unchanged.',
  EXPECT_ARGUMENT_TYPE: 'After the comma in { } an argument type is expected (plural, select, number, date or time) as in the source.',
  INVALID_ARGUMENT_TYPE: 'The argument type after the comma is not one ICU knows: keep plural, select, selectordinal, number, date or time untranslated.',
  EXPECT_ARGUMENT_STYLE: 'A style is expected after the second comma: copy it from the source.',
  INVALID_NUMBER_SKELETON: 'The number format after :: is not valid: copy it from the source.',
  INVALID_DATE_TIME_SKELETON: 'The date format after :: is not valid: copy it from the source.',
  EXPECT_NUMBER_SKELETON: 'A number format is expected after :: — copy it from the source.',
  EXPECT_DATE_TIME_SKELETON: 'A date format is expected after :: — copy it from the source.',
  UNCLOSED_QUOTE_IN_ARGUMENT_STYLE: 'An apostrophe opens a quoted part that is never closed.',
  EXPECT_SELECT_ARGUMENT_OPTIONS: 'The select needs its cases, each as name {text}, as in the source.',
  EXPECT_PLURAL_ARGUMENT_OFFSET_VALUE: 'offset: needs a number, as in the source.',
  INVALID_PLURAL_ARGUMENT_OFFSET_VALUE: 'The number after offset: is not valid.',
  EXPECT_SELECT_ARGUMENT_SELECTOR: 'A case name is expected in the select (such as other), followed by its text in { }.',
  EXPECT_PLURAL_ARGUMENT_SELECTOR: 'A case name is expected in the plural (such as one or other), followed by its text in { }.',
  EXPECT_SELECT_ARGUMENT_SELECTOR_FRAGMENT: 'Each select case needs its text in { } after its name.',
  EXPECT_PLURAL_ARGUMENT_SELECTOR_FRAGMENT: 'Each plural case needs its text in { } after its name.',
  INVALID_PLURAL_ARGUMENT_SELECTOR: 'A plural case name is not valid: use zero, one, two, few, many, other or =N.',
  DUPLICATE_PLURAL_ARGUMENT_SELECTOR: 'A plural case appears twice: keep one.',
  DUPLICATE_SELECT_ARGUMENT_SELECTOR: 'A select case appears twice: keep one.',
  MISSING_OTHER_CLAUSE: 'The plural or select has no other case, which ICU requires: add other {…}.',
};

interface Collected {
  names: string[];
  selects: Map<string, string[]>;
  plurals: Map<string, boolean>;
  literals: [number, number][];
}

function showsCount(elements: readonly MessageFormatElement[], name: string): boolean {
  return elements.some((element) => {
    if (element.type === TYPE.pound) return true;
    if (element.type === TYPE.argument || element.type === TYPE.number) return element.value === name;
    if (element.type === TYPE.select || element.type === TYPE.plural) return Object.values(element.options).some((option) => showsCount(option.value, name));
    return false;
  });
}

function collect(elements: readonly MessageFormatElement[], into: Collected): void {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.literal:
        if (element.location !== undefined) into.literals.push([element.location.start.offset, element.location.end.offset]);
        break;
      case TYPE.argument:
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        if (!into.names.includes(element.value)) into.names.push(element.value);
        break;
      case TYPE.select:
      case TYPE.plural: {
        if (!into.names.includes(element.value)) into.names.push(element.value);
        if (element.type === TYPE.select) into.selects.set(element.value, Object.keys(element.options));
        else {
          const other = element.options.other?.value ?? [];
          into.plurals.set(element.value, (into.plurals.get(element.value) ?? false) || showsCount(other, element.value));
        }
        for (const option of Object.values(element.options)) collect(option.value, into);
        break;
      }
      default:
        break;
    }
  }
}

/** Parses `text` as an ICU message. */
export function readIcu(text: string): IcuReading {
  try {
    const elements = parse(text, { ignoreTag: true, requiresOtherClause: true, captureLocation: true });
    const collected: Collected = { names: [], selects: new Map(), plurals: new Map(), literals: [] };
    collect(elements, collected);
    return {
      ok: true,
      message: { argumentNames: collected.names, selectOptions: collected.selects, pluralShowsCount: collected.plurals, literalRanges: collected.literals },
    };
  } catch (error) {
    const kind = error instanceof Error ? error.message : 'INVALID';
    const location = (error as { location?: { start: { offset: number }; end: { offset: number } } }).location;
    const start = location?.start.offset ?? 0;
    const end = Math.max(start, location?.end.offset ?? text.length);
    return { ok: false, problem: { kind, message: explanations[kind] ?? 'The ICU message cannot be read: compare its braces and keywords with the source.', start, end } };
  }
}

/**
 * Lokalise's data as the rest of Locdesk sees it: camelCase, timestamps in epoch milliseconds, plural values decoded.
 * The wire format (snake_case, PHP dates, JSON-in-a-string plurals) stops at `wire.ts`.
 */

/** A project as listed, with the statistics the project list shows. */
export interface LokaliseProject {
  readonly projectId: string;
  readonly name: string;
  readonly description: string;
  readonly teamId: number | null;
  readonly baseLanguageId: number | null;
  readonly baseLanguageIso: string | null;
  readonly createdAt: number | null;
  readonly progressTotal: number;
  readonly keysTotal: number;
  readonly languages: readonly { readonly languageId: number; readonly iso: string; readonly progress: number }[];
}

/** A project language with the plural categories its translations use. */
export interface LokaliseLanguage {
  readonly langId: number;
  readonly iso: string;
  readonly name: string;
  readonly isRtl: boolean;
  readonly pluralForms: readonly string[];
}

/** One translation of one key into one language. */
export interface LokaliseTranslation {
  readonly translationId: number;
  readonly keyId: number;
  readonly languageIso: string;
  /** The value as sent; for plural keys the raw JSON string. */
  readonly value: string;
  /** The decoded plural forms when the key is plural and the value is a JSON object of strings. */
  readonly pluralForms: Readonly<Record<string, string>> | null;
  readonly isReviewed: boolean;
  readonly isUnverified: boolean;
  readonly modifiedAt: number | null;
  /** Who made this version (`modified_by_email`); '' when Lokalise did not say. */
  readonly modifiedByEmail?: string;
}

/** Per-platform key names; all four are present even when per-platform names are off. */
export interface KeyNames {
  readonly ios: string;
  readonly android: string;
  readonly web: string;
  readonly other: string;
}

/** A key with its metadata and (when requested) its translations. */
export interface LokaliseKey {
  readonly keyId: number;
  readonly keyNames: KeyNames;
  readonly description: string;
  readonly platforms: readonly string[];
  readonly tags: readonly string[];
  readonly isPlural: boolean;
  readonly pluralName: string;
  readonly isHidden: boolean;
  readonly isArchived: boolean;
  readonly context: string;
  readonly charLimit: number;
  readonly createdAt: number | null;
  readonly modifiedAt: number | null;
  readonly translationsModifiedAt: number | null;
  readonly translations: readonly LokaliseTranslation[];
}

/** A team the user belongs to. */
export interface LokaliseTeam {
  readonly teamId: number;
  readonly name: string;
  readonly plan: string;
}

/** The signed-in user, as a contributor of a project. */
export interface LokaliseContributor {
  readonly userId: number;
  readonly email: string;
  readonly fullname: string;
  readonly isAdmin: boolean;
  readonly isReviewer: boolean;
  /** The languages the contributor has, and whether each may be written. */
  readonly languages: readonly { readonly iso: string; readonly isWritable: boolean }[];
}

/**
 * A page of keys as Lokalise sent it, its JSON not yet parsed. A sync hands it to the library's writing thread,
 * which decodes and parses it there (wire.ts `readKeyPage`): decoding a 2.5 MB page of 500 keys in ten languages,
 * parsing it and reading its keys took tens of milliseconds of the main process's event loop per page (issue 17).
 */
export interface UnparsedKeyPage {
  /**
   * The answer's body, `{"project_id": …, "keys": […]}`: its UTF-8 bytes as they came (in a buffer of their own,
   * which the sync transfers to the writing thread rather than copying), or its text.
   */
  readonly unparsed: Uint8Array | string;
  /** What the page is, for the message if it turns out malformed ("the keys"). */
  readonly what: string;
}

/**
 * A page of a listing without translations as a resync reads it: per key, its id and the two times Lokalise moves
 * (epoch ms, NaN when Lokalise sent none), in typed arrays that travel between threads without a copy.
 */
export interface KeyTimes {
  readonly keyIds: Float64Array;
  readonly modifiedAt: Float64Array;
  readonly translationsModifiedAt: Float64Array;
}

/** A page of keys, read already or still as Lokalise's text. */
export type KeyPageInput = readonly LokaliseKey[] | UnparsedKeyPage;

/**
 * The two OAuth dialects Locdesk speaks.
 *
 * Lokalise's token endpoint takes JSON bodies, never sees `response_type` or `redirect_uri`, keeps the refresh token
 * across refreshes and issues 40-character codes (as every official SDK does it). Other providers speak the
 * standard RFC 6749 dialect: form bodies, `response_type=code`, the same `redirect_uri` at exchange, and refresh
 * tokens that rotate and expire. Everything that differs between them lives here, so the client has no `if`s on
 * provider names.
 */
import type { ProviderName } from '../config';

/** How one provider expects the authorization-code flow to be spoken. */
export interface ProviderPreset {
  readonly name: ProviderName;
  /** How token requests are encoded. */
  readonly tokenBody: 'json' | 'form';
  /** Whether the authorize URL carries `response_type=code`. */
  readonly sendResponseType: boolean;
  /** Whether the code exchange repeats the `redirect_uri` of the authorize request. */
  readonly sendRedirectUriAtExchange: boolean;
  /** What a pasted code must look like before it is sent; null accepts any non-empty code. */
  readonly codePattern: RegExp | null;
  /** A sentence describing the expected code, for the paste-code error. */
  readonly codeDescription: string;
}

const presets: Readonly<Record<ProviderName, ProviderPreset>> = {
  lokalise: {
    name: 'lokalise',
    tokenBody: 'json',
    sendResponseType: false,
    sendRedirectUriAtExchange: false,
    codePattern: /^[A-Za-z0-9]{40}$/,
    codeDescription: 'A Lokalise code is 40 letters and digits.',
  },
  oauth2: {
    name: 'oauth2',
    tokenBody: 'form',
    sendResponseType: true,
    sendRedirectUriAtExchange: true,
    codePattern: /^[A-Za-z0-9._~+/=-]{8,512}$/,
    codeDescription: 'The code is a single word of letters, digits and punctuation, with no spaces.',
  },
};

/** The preset for a configured provider. */
export function providerPreset(name: ProviderName): ProviderPreset {
  return presets[name];
}

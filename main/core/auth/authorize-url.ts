/**
 * Builds the URL that sends the user's browser to the provider's consent page.
 *
 * Parameter order and encoding follow the official Lokalise SDKs (`client_id, scope, state, redirect_uri`, scopes
 * joined with a space and encoded as `+`), so our requests look exactly like theirs to Lokalise.
 */
import type { ProviderPreset } from './providers';

/** What goes into an authorize URL. */
export interface AuthorizeUrlInput {
  readonly authUrl: string;
  readonly clientId: string;
  /** A list, or a space-separated string. */
  readonly scopes: readonly string[] | string;
  readonly state?: string;
  /** Omitted for the paste-code flow: the provider then shows the code instead of redirecting. */
  readonly redirectUri?: string;
  readonly preset: ProviderPreset;
}

/** The authorize URL for `input`. */
export function buildAuthorizeUrl(input: AuthorizeUrlInput): string {
  const url = new URL(input.authUrl);
  const scopes = typeof input.scopes === 'string' ? input.scopes.split(/\s+/) : input.scopes;
  url.searchParams.set('client_id', input.clientId);
  url.searchParams.set('scope', scopes.filter((scope) => scope !== '').join(' '));
  if (input.state !== undefined) url.searchParams.set('state', input.state);
  if (input.redirectUri !== undefined) url.searchParams.set('redirect_uri', input.redirectUri);
  if (input.preset.sendResponseType) url.searchParams.set('response_type', 'code');
  return url.toString();
}

/**
 * The one gate in front of `shell.openExternal`.
 *
 * `shell.openExternal` hands a URL to the operating system, which can launch arbitrary programs for unusual schemes
 * (Electron security checklist #15). Every external open in the app goes through this class: the sign-in URL the
 * core builds, `app.openExternal` calls from the renderer, and links the page tries to open in a new window. The
 * allowlist itself lives in `core/link-policy.ts` (parsed-URL hosts, never a prefix match) so the core and its
 * tests share it; this file only binds it to Electron's shell.
 */
import { shell } from 'electron';
import { LocdeskError } from '../core/errors';
import { isAllowedExternalUrl } from '../core/link-policy';
import type { BrowserOpener } from '../core/ports';

/** How a URL actually reaches the OS; `shell.openExternal` in the app, a recorder in tests. */
export type OpenExternal = (url: string) => Promise<void>;

/** A BrowserOpener that refuses anything outside the Lokalise hosts and the configured sign-in origin. */
export class ExternalLinkOpener implements BrowserOpener {
  public constructor(
    private readonly signInUrl: string,
    private readonly openExternal: OpenExternal = (url) => shell.openExternal(url),
  ) {}

  /** True when `url` may be handed to the operating system. */
  public isAllowed(url: string): boolean {
    return isAllowedExternalUrl(url, this.signInUrl);
  }

  /** Opens `url` in the default browser, or throws `link.not_allowed` without touching the OS. */
  public async open(url: string): Promise<void> {
    if (!this.isAllowed(url)) {
      throw new LocdeskError('link.not_allowed', 'Locdesk only opens links to Lokalise in your browser.');
    }
    await this.openExternal(url);
  }
}

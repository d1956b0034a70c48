/**
 * Links into Lokalise's web app, for the things Locdesk leaves to it (a key's screenshots, comments, history). The
 * web app lives on the sign-in host (app.lokalise.com; the fake Lokalise in tests and the demo), so the link follows
 * the configured `authUrl` rather than a second setting that could point elsewhere.
 */

/**
 * The web editor opened on one key: `https://app.lokalise.com/project/{projectId}/?view=multi&search={keyName}`.
 *
 * Why a search and not a key id: Lokalise documents no deep link to a single key, and the form teams share in public
 * (the multi-language editor view with its search box filled in) is the one that is known to work; the editor's
 * search matches key names, so the key is in view, with any other key whose name contains it. Null when the sign-in
 * URL cannot be parsed.
 */
export function keyEditorUrl(authUrl: string, projectId: string, keyName: string): string | null {
  if (!URL.canParse(authUrl)) return null;
  const url = new URL(`/project/${encodeURIComponent(projectId)}/`, new URL(authUrl).origin);
  url.searchParams.set('view', 'multi');
  url.searchParams.set('search', keyName);
  return url.toString();
}

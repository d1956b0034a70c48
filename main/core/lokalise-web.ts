/**
 * Links into Lokalise's web app, for the things Locdesk leaves to it (a key's screenshots, comments, history). The
 * web app lives on the sign-in host (app.lokalise.com; the fake Lokalise in tests and the demo), so the link follows
 * the configured `authUrl` rather than a second setting that could point elsewhere.
 */

/**
 * The web editor's page for one key: `https://app.lokalise.com/project/{projectId}/?k={keyId}` (the editor's own
 * "link to key" form). Null when the sign-in URL cannot be parsed.
 */
export function keyEditorUrl(authUrl: string, projectId: string, keyId: number): string | null {
  if (!URL.canParse(authUrl)) return null;
  const url = new URL(`/project/${encodeURIComponent(projectId)}/`, new URL(authUrl).origin);
  url.searchParams.set('k', String(keyId));
  return url.toString();
}

/**
 * Bench child: the official @lokalise/node-api merely fetching the same pages Locdesk's sync fetches (the project
 * list, then every key with translations by cursor, 500 per page, archived included), parsing them and nothing
 * more. Prints `{"wallMs","keys","requests"}`. Arguments: apiUrl, accessToken.
 */
import { LokaliseApiOAuth } from '@lokalise/node-api';
import { warmHttp } from './warm-up';

const [apiUrl = '', token = ''] = process.argv.slice(2);
const api = new LokaliseApiOAuth({ apiKey: token, host: apiUrl });
await warmHttp(apiUrl);
const started = performance.now();
let requests = 1;
let keys = 0;
const projects = await api.projects().list({ limit: 100 });
for (const project of projects.items) {
  let cursor: string | undefined;
  for (;;) {
    const page = await api.keys().list({ project_id: project.project_id, pagination: 'cursor', limit: 500, include_translations: 1, filter_archived: 'include', cursor });
    requests += 1;
    keys += page.items.length;
    if (page.items.length === 0 || !page.hasNextCursor()) break;
    cursor = page.nextCursor ?? undefined;
  }
}
process.stdout.write(`${JSON.stringify({ wallMs: Math.round(performance.now() - started), keys, requests })}\n`);

/**
 * The renderer's initial JavaScript, gzip-compressed: every script that `out/renderer/index.html` loads, plus the
 * modules they preload. Run after `npm run build`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Kilobytes (1000 bytes) of gzip for the initial scripts, to one decimal. */
export function rendererInitialJsGzipKb(rendererFolder: string): number {
  const html = readFileSync(join(rendererFolder, 'index.html'), 'utf8');
  const sources = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\.?\/?([^"]+\.js)"/g)].map((match) => match[1] ?? '');
  if (sources.length === 0) throw new Error('index.html loads no script; is the renderer built?');
  const bytes = sources.reduce((sum, source) => sum + gzipSync(readFileSync(join(rendererFolder, source)), { level: 9 }).length, 0);
  return Math.round(bytes / 100) / 10;
}

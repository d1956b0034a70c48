/**
 * Reads the update metadata electron-builder writes beside every release (`latest.yml` for Windows,
 * `latest-mac.yml`, `latest-linux.yml`, `latest-linux-arm64.yml`), the same files electron-updater reads.
 *
 * The core reads them itself so that every decision (is this newer, is it a prerelease, is now a good moment) is made
 * in plain Node and tested against a real HTTP server; electron-updater only downloads and installs what the core
 * has decided to take. A feed with no release yet (HTTP 404, as GitHub answers before the first release is published)
 * is "nothing to install", not an error.
 */
import { CORE_SCHEMA, load } from 'js-yaml';
import { z } from 'zod';
import type { FetchFunction } from '../ports';

/** How long one metadata request may take. */
export const feedTimeoutMs = 30_000;
/** Metadata files are a few hundred bytes; anything far larger is not one. */
const maxFeedBytes = 1_000_000;

/** The metadata file electron-builder writes for a platform and architecture (electron-updater's naming). */
export function channelFileName(platform: NodeJS.Platform, arch: string): string {
  if (platform === 'win32') return 'latest.yml';
  if (platform === 'darwin') return 'latest-mac.yml';
  return arch === 'x64' ? 'latest-linux.yml' : `latest-linux-${arch}.yml`;
}

const FeedFileSchema = z.looseObject({
  url: z.string().min(1),
  sha512: z.string().min(1),
  size: z.number().int().nonnegative().optional(),
});

/** electron-builder's UpdateInfo, as far as Locdesk reads it; unknown fields are allowed and ignored. */
const FeedSchema = z.looseObject({
  version: z.string().min(1),
  files: z.array(FeedFileSchema).min(1),
  path: z.string().optional(),
  sha512: z.string().optional(),
  releaseDate: z.string().optional(),
  stagingPercentage: z.number().min(0).max(100).optional(),
});

/** One release as the feed describes it. */
export interface FeedRelease {
  readonly version: string;
  readonly releaseDate: string | null;
  readonly files: readonly { readonly url: string; readonly sha512: string; readonly size: number | null }[];
}

/** What reading the feed found. */
export type FeedOutcome = { readonly kind: 'release'; readonly release: FeedRelease } | { readonly kind: 'none' };

/** The feed could not be read or understood; `message` is safe to show, `detail` is for the log. */
export class UpdateFeedError extends Error {
  public constructor(
    message: string,
    public readonly detail: string,
  ) {
    super(message);
    this.name = 'UpdateFeedError';
  }
}

/** Parses the text of a metadata file; throws UpdateFeedError when it is not one. */
export function parseFeed(text: string, source: string): FeedRelease {
  let data: unknown;
  try {
    data = load(text, { schema: CORE_SCHEMA, filename: source });
  } catch (error) {
    throw new UpdateFeedError('The update information could not be read.', `${source} is not valid YAML: ${(error as Error).message}`);
  }
  const parsed = FeedSchema.safeParse(data);
  if (!parsed.success) {
    const problem = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new UpdateFeedError('The update information could not be read.', `${source} is not electron-builder update metadata: ${problem}`);
  }
  return {
    version: parsed.data.version,
    releaseDate: parsed.data.releaseDate ?? null,
    files: parsed.data.files.map((file) => ({ url: file.url, sha512: file.sha512, size: file.size ?? null })),
  };
}

/** Fetches and parses the metadata file for this platform from `feedUrl`. */
export async function readFeed(options: {
  readonly feedUrl: string;
  readonly fileName: string;
  readonly fetch: FetchFunction;
  readonly signal?: AbortSignal;
}): Promise<FeedOutcome> {
  const base = options.feedUrl.endsWith('/') ? options.feedUrl : `${options.feedUrl}/`;
  const url = new URL(options.fileName, base);
  const timeout = AbortSignal.timeout(feedTimeoutMs);
  const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]);
  let response: Response;
  try {
    response = await options.fetch(url, { headers: { accept: 'application/x-yaml, text/yaml, */*', 'cache-control': 'no-cache' }, signal });
  } catch (error) {
    if (options.signal?.aborted === true) throw error;
    throw new UpdateFeedError('The update server cannot be reached.', `GET ${url.toString()} failed: ${(error as Error).message}`);
  }
  if (response.status === 404) {
    await response.body?.cancel();
    return { kind: 'none' };
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new UpdateFeedError('The update server did not answer as expected.', `GET ${url.toString()} answered ${response.status}`);
  }
  const text = await response.text();
  if (text.length > maxFeedBytes) throw new UpdateFeedError('The update information could not be read.', `${url.toString()} is ${text.length} bytes long`);
  return { kind: 'release', release: parseFeed(text, url.toString()) };
}

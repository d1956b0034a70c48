/**
 * A fake update server on 127.0.0.1, laid out like GitHub's "latest release" downloads
 * (`/releases/latest/download/<asset>`), serving the metadata and payloads electron-builder produces. Tests publish a
 * release, withdraw it (404, as before the first release), or make the next answers fail, and read which files were
 * asked for.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { releaseFiles, type ReleaseFiles } from './metadata';

/** A running fake update server. */
export interface FakeUpdateServer {
  /** The feed folder URL a build would carry (ends with `/`). */
  readonly feedUrl: string;
  /** Paths requested so far, in order. */
  readonly requests: string[];
  /** Publishes `version` as the latest release (or withdraws every release with null). */
  publish(version: string | null): void;
  /** Replaces one metadata file's text, e.g. with something that is not metadata. */
  overrideMetadata(fileName: string, text: string): void;
  /** Answers the next `count` requests with `status` and an HTML error page. */
  failNext(count: number, status: number): void;
  close(): Promise<void>;
}

const prefix = '/releases/latest/download/';

/** Starts the fake with `version` published (null: nothing published yet). */
export async function startFakeUpdateServer(version: string | null = '0.2.0'): Promise<FakeUpdateServer> {
  const requests: string[] = [];
  let release: ReleaseFiles | null = version === null ? null : releaseFiles(version);
  const overrides = new Map<string, string>();
  let failures: { count: number; status: number } = { count: 0, status: 500 };

  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const path = new URL(incoming.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    if (failures.count > 0) {
      failures = { ...failures, count: failures.count - 1 };
      response.writeHead(failures.status, { 'content-type': 'text/html' }).end('<html><body>Unicorn!</body></html>');
      return;
    }
    const name = path.startsWith(prefix) ? decodeURIComponent(path.slice(prefix.length)) : null;
    const metadata = name === null ? undefined : (overrides.get(name) ?? release?.metadata[name]);
    if (metadata !== undefined) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(metadata);
      return;
    }
    const file = name === null ? undefined : release?.payloads[name];
    if (file !== undefined) {
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.bytes.length }).end(file.bytes);
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    feedUrl: `http://127.0.0.1:${port}${prefix}`,
    requests,
    publish: (next) => {
      release = next === null ? null : releaseFiles(next);
      overrides.clear();
    },
    overrideMetadata: (fileName, text) => overrides.set(fileName, text),
    failNext: (count, status) => {
      failures = { count, status };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

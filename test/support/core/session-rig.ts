/**
 * Test wiring for the session: a real fake Lokalise, the real vault over in-memory ports, and a browser that
 * answers the consent page over HTTP like a user clicking Allow or Deny.
 */
import { loadConfig, type LocdeskConfig } from '../../../main/core/config';
import type { FetchFunction } from '../../../main/core/ports';
import { createLogger, Redactor } from '../../../main/core/log';
import { TokenVault } from '../../../main/core/vault/token-vault';
import { MemoryCipher, MemoryClipboard, MemoryKeyValueStore, RecordingBrowser } from '../memory-ports';
import { fakeEnvironment } from '../../fake-lokalise/environment';
import type { FakeLokalise } from '../../fake-lokalise/server';
import { answerConsent } from '../../fake-lokalise/testing';
import { Session } from '../../../main/core/auth/session';

/** Everything a session test inspects. */
export interface SessionRig {
  readonly session: Session;
  readonly vault: TokenVault;
  readonly cipher: MemoryCipher;
  readonly store: MemoryKeyValueStore;
  readonly browser: RecordingBrowser;
  readonly clipboard: MemoryClipboard;
  readonly logLines: string[];
  readonly config: LocdeskConfig;
}

/** Builds a session against `fake`, with optional config overrides. */
export function sessionRig(
  fake: FakeLokalise,
  overrides: Partial<LocdeskConfig> = {},
  options: { now?: () => number; configProblem?: string; fetch?: FetchFunction; cipher?: MemoryCipher } = {},
): SessionRig {
  const loaded = loadConfig(fakeEnvironment(fake, false));
  const config = { ...loaded.config, ...overrides };
  const logLines: string[] = [];
  const redactor = new Redactor();
  const logger = createLogger((level, line) => logLines.push(`${level} ${line}`), redactor, 'test');
  const cipher = options.cipher ?? new MemoryCipher();
  const store = new MemoryKeyValueStore();
  const vault = new TokenVault(cipher, store, () => false, logger);
  const browser = new RecordingBrowser();
  const clipboard = new MemoryClipboard();
  const now = options.now;
  const configProblem = options.configProblem ?? loaded.problem;
  const session = new Session({ config, configProblem, fetch: options.fetch ?? globalThis.fetch, vault, browser, clipboard, logger, redactor, ...(now === undefined ? {} : { now }) });
  return { session, vault, cipher, store, browser, clipboard, logLines, config };
}

/**
 * Starts a loopback sign-in and answers the consent page like a browser would (following the redirect to the
 * loopback receiver, then to `/done`); resolves with the final state, the callback URL and response, and the page.
 */
export async function signInWith(
  rig: SessionRig,
  decision: 'allow' | 'deny',
): Promise<{ state: Awaited<ReturnType<Session['signIn']>>; callbackUrl: string; callbackStatus: number; donePage: string }> {
  const opened = rig.browser.nextUrl();
  const pending = rig.session.signIn();
  const url = await opened;
  const { location } = await answerConsent(url, decision);
  const callback = await fetch(location ?? '', { redirect: 'manual' });
  const done = await fetch(new URL(callback.headers.get('location') ?? '/done', location ?? ''));
  return { state: await pending, callbackUrl: location ?? '', callbackStatus: callback.status, donePage: await done.text() };
}

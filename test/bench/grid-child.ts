/**
 * Bench child: the key grid in Chromium through the real core, over a synced library (issue 18's grid figures).
 * Serves the built renderer under the production CSP, bridges `window.locdesk` to an AppCore over `folder`, shows
 * the largest project with three target columns, and measures in the page with requestAnimationFrame:
 *
 * - `firstRowsMs`: from the workspace's first paint with the project open (its sidebar card drawn, which is when the
 *   project view mounts and asks for its first page) to the start of the frame after the first one with key rows,
 *   so the rows' own style, layout and paint are in (a frame's callbacks run before those, and the rows' layout is
 *   where the fonts of a first grid are resolved);
 * - `scrollP95FrameMs`: the 95th percentile of frame intervals while the grid scrolls through the whole project
 *   (about 400 steps of 25 rows each, one per frame), each counted in whole display ticks (`scrollTickMs`), with
 *   `scrollSlowFrames` the frames that took more than one tick, and `domRowsMax`, the most rows in the DOM meanwhile.
 *
 * The browser (second argument): `shell` (the default) is Chromium's headless shell, the content layer alone, as
 * Electron's renderer is and as Playwright runs headless by default; `chrome` is the full Chromium browser, whose
 * Chrome-only renderer agents Electron does not have (its autofill agent re-reads every form 100 ms after the
 * toolbar mounts: 10-50 ms of layout inside the first rows' window). Both are measured; see docs/benchmarks.md.
 *
 * Arguments: folder, browser (`shell` or `chrome`). Prints one JSON line.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { createAppCore } from '../../main/core/app-core';
import { loadConfig } from '../../main/core/config';
import { Redactor, silentLogger } from '../../main/core/log';
import { connectPage } from '../support/e2e/bridge';
import { serveRenderer } from '../support/e2e/static-server';
import { MemoryCipher, MemoryClipboard, MemoryKeyValueStore, RecordingBrowser, ScriptedConfirmation } from '../support/memory-ports';

const [folder = '', kind = 'shell'] = process.argv.slice(2);
if (kind !== 'shell' && kind !== 'chrome') throw new Error(`unknown browser "${kind}": use shell or chrome`);
const root = join(import.meta.dirname, '..', '..');
const steps = 400;

/** What the page reports. */
interface PageFigures {
  firstRowsMs: number;
  frames: number[];
  domRowsMax: number;
  targetColumns: number;
}

const loaded = loadConfig({ LOCDESK_CLIENT_ID: 'bench', LOCDESK_CLIENT_SECRET: 'bench-secret-000000', LOCDESK_API_URL: 'http://127.0.0.1:9/api2/' });
const core = await createAppCore({
  config: loaded.config,
  configProblem: null,
  dataFolder: folder,
  fetch: globalThis.fetch,
  cipher: new MemoryCipher(),
  tokenStore: new MemoryKeyValueStore(),
  settingsStore: new MemoryKeyValueStore(),
  confirmation: new ScriptedConfirmation(false),
  browser: new RecordingBrowser(),
  clipboard: new MemoryClipboard(),
  logger: silentLogger,
  redactor: new Redactor(),
  appVersion: 'bench',
});
const project = [...(await core.api.projects.list())].sort((a, b) => b.sync.keyCount - a.sync.keyCount)[0];
if (project === undefined) throw new Error('the library is empty');
const sourceIso = project.baseLanguageIso ?? 'en';
const targetIsos = project.languages.map((language) => language.iso).filter((iso) => iso !== sourceIso).slice(0, 3);

const renderer = await serveRenderer(join(root, 'out', 'renderer'));
/**
 * Debian's builds where present (this machine cannot download Playwright's); elsewhere Playwright's own, whose
 * headless default is the headless shell and whose `chromium` channel is the full browser.
 */
const debianShell = '/usr/bin/chromium-headless-shell';
const debianChromium = '/usr/bin/chromium';
const debianBrowser = kind === 'shell' && existsSync(debianShell) ? debianShell : existsSync(debianChromium) ? debianChromium : null;
const launchTarget = debianBrowser !== null ? { executablePath: debianBrowser } : kind === 'chrome' ? { channel: 'chromium' } : {};
/** What was measured, said plainly: a machine with Debian's Chromium but not its shell measures the full browser. */
const browserName = debianBrowser === debianChromium || (debianBrowser === null && kind === 'chrome') ? 'chromium' : 'chromium-headless-shell';
const browser = await chromium.launch({
  ...launchTarget,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await connectPage(page, core, renderer);
  // The project opens with three target columns, as a translator who chose them would see it.
  await page.addInitScript(
    ({ key, view }) => {
      localStorage.setItem(key, JSON.stringify(view));
      const marks: { open?: number; rows?: number } = {};
      (globalThis as unknown as { __gridMarks: typeof marks }).__gridMarks = marks;
      // Tells the bench once both marks are set, through a binding registered before the page loaded: polling for
      // them (page.waitForFunction) injected Playwright's script into the page in the middle of the measurement.
      const announce = (): void => {
        if ((marks.open ?? -1) > 0 && (marks.rows ?? -1) > 0) (globalThis as unknown as { __gridMarked: () => void }).__gridMarked();
      };
      // Watch the DOM from the start: the first frame after the project card appears, and after the first key row.
      const observer = new MutationObserver(() => {
        if (marks.open === undefined && document.querySelector('.project-list') !== null) {
          marks.open = -1;
          requestAnimationFrame(() => {
            marks.open = performance.now();
            announce();
          });
        }
        if (marks.rows === undefined && document.querySelector('[role="grid"] [role="row"][aria-rowindex="2"]') !== null) {
          marks.rows = -1;
          // A frame's callbacks run before its style, layout and paint, so the mark is the start of the frame after
          // the one that drew the rows (its timestamp: the display tick it began on), which cannot begin before the
          // rows' frame is done. A message posted from the callback was handled after whatever tasks were queued.
          requestAnimationFrame(() => {
            requestAnimationFrame((next) => {
              marks.rows = next;
              announce();
            });
          });
        }
        if (marks.rows !== undefined && marks.open !== undefined) observer.disconnect();
      });
      observer.observe(document, { childList: true, subtree: true });
    },
    { key: `locdesk.view.${project.projectId}`, view: { sourceIso, targetIsos } },
  );
  let marked: () => void = () => undefined;
  const bothMarks = new Promise<void>((resolve) => (marked = resolve));
  await page.exposeFunction('__gridMarked', () => marked());
  await page.goto(renderer.url);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([bothMarks, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no key rows within 120 s')), 120_000)))]);
  clearTimeout(timer);
  const figures = await page.evaluate(async (count): Promise<PageFigures> => {
    const marks = (globalThis as unknown as { __gridMarks: { open: number; rows: number } }).__gridMarks;
    const grid = document.querySelector<HTMLElement>('[role="grid"]');
    if (grid === null) throw new Error('no grid');
    const targetColumns = Math.max(0, grid.querySelectorAll('[role="columnheader"]').length - 2);
    const frames: number[] = [];
    let domRowsMax = 0;
    const stride = Math.max(1, Math.ceil(grid.scrollHeight / count));
    await new Promise<void>((resolve) => {
      let last = performance.now();
      let step = 0;
      const frame = (now: number): void => {
        frames.push(now - last);
        last = now;
        domRowsMax = Math.max(domRowsMax, grid.querySelectorAll('[role="row"]').length);
        step += 1;
        if (step > count) return resolve();
        grid.scrollTop = step * stride;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame((now) => {
        last = now;
        requestAnimationFrame(frame);
      });
    });
    return { firstRowsMs: marks.rows - marks.open, frames, domRowsMax, targetColumns };
  }, steps);
  // Frames are shown on the display's refresh ticks, so a frame lasts a whole number of ticks; the page's clock is
  // coarsened (0.1 ms with jitter in a page that is not cross-origin isolated), which read on-time frames as
  // 16.6-16.8 ms. Each interval is counted in ticks (the tick: the mean of the intervals near the median one).
  const raw = figures.frames.slice(1);
  const middle = [...raw].sort((a, b) => a - b)[Math.floor(raw.length / 2)] ?? 16.7;
  const nearMiddle = raw.filter((interval) => Math.abs(interval - middle) < middle * 0.1);
  const tick = nearMiddle.reduce((sum, interval) => sum + interval, 0) / Math.max(1, nearMiddle.length);
  const sorted = raw.map((interval) => Math.max(1, Math.round(interval / tick)) * tick).sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))] ?? 0;
  const slowFrames = sorted.filter((interval) => interval > tick * 1.5).length;
  process.stdout.write(
    `${JSON.stringify({
      browser: browserName,
      keys: project.sync.keyCount,
      targetColumns: figures.targetColumns,
      firstRowsMs: Math.round(figures.firstRowsMs * 10) / 10,
      scrollP95FrameMs: Math.round(p95 * 10) / 10,
      scrollFrames: sorted.length,
      scrollSlowFrames: slowFrames,
      scrollTickMs: Math.round(tick * 1000) / 1000,
      domRowsMax: figures.domRowsMax,
    })}\n`,
  );
} finally {
  await browser.close();
  await renderer.close();
  await core.close();
}

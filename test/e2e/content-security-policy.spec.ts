/**
 * The renderer's CSP in a real Chromium, in both places it is served: Vite's dev server (`npm run dev`), where the
 * development policy must let Vite's injected styles apply, and the built renderer under the production policy,
 * which must stay strict and still style the app (its CSS is a file, not inline).
 */
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createServer, type ViteDevServer } from 'vite';
import { developmentContentSecurityPolicy, rendererContentSecurityPolicy, rendererMetaContentSecurityPolicy } from '../../main/platform/content-security-policy';
import { serveRenderer } from '../support/e2e/static-server';

const root = join(import.meta.dirname, '..', '..');

/** Collects CSP violations the page reports, from the moment it starts loading. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('reportCspViolation', (directive: string) => violations.push(directive));
  await page.addInitScript("document.addEventListener('securitypolicyviolation', (event) => void globalThis.reportCspViolation(event.violatedDirective));");
  return violations;
}

/** The light theme's page background from styles.css, as Chromium reports it once the stylesheet applies. */
const styledBackground = 'rgb(247, 247, 245)';

test('the dev server serves the development policy, and Vite’s injected styles apply', async ({ page }) => {
  const server: ViteDevServer = await createServer({ configFile: join(root, 'vite.config.ts'), mode: 'development', logLevel: 'silent', server: { port: 0, strictPort: false } });
  try {
    await server.listen();
    const url = server.resolvedUrls?.local[0] ?? '';
    await page.emulateMedia({ colorScheme: 'light' });
    const violations = await watchViolations(page);
    await page.goto(url);
    await expect.poll(() => page.evaluate<string>('getComputedStyle(document.documentElement).backgroundColor'), { timeout: 5000 }).toBe(styledBackground);
    expect(violations).toEqual([]);
    expect(await (await fetch(url)).text()).toContain(`content="${developmentContentSecurityPolicy}"`);
  } finally {
    await server.close();
  }
});

test('the built renderer keeps the strict production policy, and is styled under it', async ({ page }) => {
  const renderer = await serveRenderer(join(root, 'out', 'renderer'));
  try {
    const response = await fetch(renderer.url);
    expect(response.headers.get('content-security-policy')).toBe(rendererContentSecurityPolicy);
    expect(await response.text()).toContain(`content="${rendererMetaContentSecurityPolicy}"`);
    await page.emulateMedia({ colorScheme: 'light' });
    const violations = await watchViolations(page);
    await page.goto(renderer.url);
    await expect.poll(() => page.evaluate<string>('getComputedStyle(document.documentElement).backgroundColor')).toBe(styledBackground);
    expect(violations).toEqual([]);
  } finally {
    await renderer.close();
  }
});

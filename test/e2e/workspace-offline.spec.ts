/**
 * Lokalise goes away while the translator works: the window says so without being asked, sync waits with the
 * reason on its buttons, and a sync asked for meanwhile runs by itself when Lokalise answers again (issue 18).
 * The reachability checks run every second here (one minute by default), so the journey takes seconds.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../support/e2e/fixtures';

test.use({
  fakeOptions: { projects: 2, keysPerProject: 400, languages: 6, seed: 7 },
  configOverrides: { onlineCheckMs: 1_000, offlineCheckMs: 1_000 },
});

test('says it is offline at once, disables sync with the reason, and runs the waiting sync when Lokalise returns', async ({ world }) => {
  const { page, fake } = world;
  const project = fake.dataset.projects[0]!;
  await world.signInThroughConsent('Allow');
  const sidebar = page.getByRole('complementary', { name: 'Projects' });
  await sidebar.getByRole('button', { name: `Sync ${project.name}` }).click();
  await expect(page.getByText('Sync finished.')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('grid', { name: 'Keys' })).toBeVisible();
  const syncsBefore = fake.stats.firstPages['projects/:id/keys'] ?? 0;

  // Lokalise goes away; nobody presses anything.
  fake.setReachable(false);
  const banner = page.getByRole('status', { name: 'Offline', exact: true });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(/Offline — showing your copy from (just now|1 minute ago)/);
  await expect(banner).toContainText('Lokalise cannot be reached.');
  const syncAll = sidebar.getByRole('button', { name: 'Sync all' });
  await expect(syncAll).toBeDisabled();
  await expect(syncAll).toHaveAttribute('title', /^Offline: Lokalise cannot be reached/);
  await expect(syncAll).toHaveAccessibleDescription(/^Offline: Lokalise cannot be reached/);
  await expect(sidebar.getByRole('button', { name: `Sync ${project.name}` })).toBeDisabled();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('alertdialog')).toHaveCount(0);

  // The translator asks for a sync anyway: it waits, and the window says so.
  await banner.getByRole('button', { name: 'Sync when back online' }).click();
  await expect(banner).toContainText('A sync will start by itself when Lokalise is reachable again.');
  expect(await page.evaluate(() => document.querySelector('.banner-offline') !== null)).toBe(true);
  mkdirSync(join('test-results', 'screens'), { recursive: true });
  await page.screenshot({ path: join('test-results', 'screens', 'workspace-offline.png'), fullPage: true });
  expect(fake.stats.firstPages['projects/:id/keys'] ?? 0).toBe(syncsBefore);

  // Lokalise answers again: the banner goes, and the waiting sync runs by itself.
  fake.setReachable(true);
  await expect(banner).toHaveCount(0, { timeout: 15_000 });
  await expect.poll(() => fake.stats.firstPages['projects/:id/keys'] ?? 0, { timeout: 15_000 }).toBeGreaterThan(syncsBefore);
  await expect(page.getByText('Sync finished.')).toBeVisible({ timeout: 30_000 });
  await expect(syncAll).toBeEnabled();
});

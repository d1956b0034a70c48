import { expect, test } from '../support/e2e/fixtures';

test.describe('sign-in journeys', () => {
  test('a denial in the browser is reported, and signing in again works', async ({ world }) => {
    const { page } = world;
    await world.signInThroughConsent('Deny');
    await expect(page.getByText(/You chose not to give Locdesk access/)).toBeVisible();
    await world.screenshot('sign-in-denied');
    await world.signInThroughConsent('Allow');
    await expect(page.getByRole('complementary', { name: 'Projects' })).toBeVisible();
  });

  test('cancel while waiting returns to the sign-in screen', async ({ world }) => {
    const { page } = world;
    await page.getByRole('button', { name: 'Sign in with Lokalise' }).click();
    await expect(page.getByText(/Finish signing in in your browser at 127\.0\.0\.1:\d+/)).toBeVisible();
    await world.screenshot('sign-in-waiting');
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => world.clipboard.text).toContain('/oauth2/auth?client_id=');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByText('Sign-in cancelled.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in with Lokalise' })).toBeVisible();
  });

  test('the paste-code fallback signs in with the code Lokalise shows', async ({ world }) => {
    const { page } = world;
    const opened = world.browser.nextUrl();
    await page.getByRole('button', { name: 'Paste a code instead' }).click();
    const consent = await page.context().newPage();
    await consent.goto(await opened);
    await consent.getByRole('button', { name: 'Allow' }).click();
    const code = await consent.locator('#code').innerText();
    await consent.close();
    await expect(page.getByText(/Never paste a code someone sent you/)).toBeVisible();
    await page.getByLabel('Code shown by Lokalise').fill('too-short');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByText(/does not look like a sign-in code/)).toBeVisible();
    await page.getByLabel('Code shown by Lokalise').fill(code);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('complementary', { name: 'Projects' })).toBeVisible();
  });
});

test.describe('with a short sign-in timeout', () => {
  test.use({ configOverrides: { signInTimeoutMs: 1500 } });

  test('gives up after the timeout and says so', async ({ world }) => {
    const { page } = world;
    await page.getByRole('button', { name: 'Sign in with Lokalise' }).click();
    await expect(page.getByText(/was not finished within/)).toBeVisible({ timeout: 10_000 });
  });
});

test.describe('with one-second access tokens', () => {
  test.use({ fakeOptions: { projects: 2, keysPerProject: 300, seed: 7, switches: { accessTokenLifetimeSeconds: 1 } } });

  test('refreshes silently while the user keeps working', async ({ world }) => {
    const { page, fake } = world;
    await world.signInThroughConsent('Allow');
    const sidebar = page.getByRole('complementary', { name: 'Projects' });
    await expect(sidebar.getByText(fake.dataset.projects[0]!.name, { exact: true })).toBeVisible();
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await sidebar.getByRole('button', { name: 'Sync all' }).click();
    await expect(page.getByText('Sync finished.')).toBeVisible({ timeout: 20_000 });
    expect(fake.stats.refreshes).toBeGreaterThanOrEqual(1);
    await expect(page.locator('.banner-warning')).toHaveCount(0);
    expect((await world.core.api.auth.getState()).status).toBe('signedIn');
  });
});

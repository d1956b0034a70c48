/**
 * The per-project QA settings (issue 20, part 5) through the real window and a real AppCore: opened from the
 * workspace beside the QA filter, a change is saved in main for that project, and the project keeps it when the
 * dialog is opened again.
 */
import { expect, test } from '../support/e2e/fixtures';

test.use({ fakeOptions: { projects: 2, keysPerProject: 200, languages: 4, seed: 3 } });

test('QA settings: a check turned off stays off for its project', async ({ world }) => {
  const { page } = world;
  await world.signInThroughConsent('Allow');
  const name = world.fake.dataset.projects[0]!.name;
  await page.getByRole('complementary', { name: 'Projects' }).getByRole('button', { name: `Sync ${name}` }).click();
  await expect(page.getByText('Sync finished.')).toBeVisible({ timeout: 30_000 });

  await page.getByRole('button', { name: 'QA settings' }).click();
  const dialog = page.getByRole('dialog', { name: `QA checks for ${name}` });
  await expect(dialog.getByLabel('Empty translation')).toHaveValue('warning');
  await dialog.getByLabel('Empty translation').selectOption('off');
  await expect(dialog.getByText('Saved. The project is being checked again.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'QA settings' }).click();
  await expect(dialog.getByLabel('Empty translation')).toHaveValue('off');
  await expect(dialog.getByLabel('Placeholders')).toHaveValue('error');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

import { expect, test } from '../support/e2e/fixtures';

test('signs in through the fake consent page and lists the projects', async ({ world }) => {
  const { page, fake } = world;
  await expect(page.getByRole('button', { name: 'Sign in with Lokalise' })).toBeVisible();
  await world.signInThroughConsent('Allow');

  const projects = fake.dataset.projects;
  expect(projects.length).toBe(3);
  for (const project of projects) {
    await expect(page.getByRole('complementary', { name: 'Projects' }).getByText(project.name, { exact: true })).toBeVisible();
  }
  expect(fake.stats.tokenExchanges).toBe(1);
  await world.screenshot('projects-after-sign-in');
});

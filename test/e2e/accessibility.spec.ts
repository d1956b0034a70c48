/**
 * Accessibility as a test (issue 18, part 4): axe-core runs on every main screen of the built renderer, in the light
 * and the dark theme, and no serious or critical violation is allowed. Each test first proves the page is in the state
 * it names, so a screen that silently failed to open cannot pass as "accessible". The key grid is also checked
 * against the ARIA grid pattern, which axe alone does not enforce (counts and indexes of a virtualized grid, one tab
 * stop).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import type { FakeKey, FakeProject } from '../fake-lokalise/dataset';
import { expect, test, type World } from '../support/e2e/fixtures';

test.use({
  fakeOptions: { projects: 1, keysPerProject: 60, languages: 3, seed: 11 },
  configOverrides: { onlineCheckMs: 1_000, offlineCheckMs: 1_000 },
});
// Each screen is analysed twice (light, dark); axe takes seconds per run on a loaded two-core machine.
test.setTimeout(180_000);

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

/** One line per failing node: rule, impact, where, what to do, and axe's own summary (contrast ratios and colours). */
function describeViolations(results: AxeResults): string[] {
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map((node) => {
        const summary = (node.failureSummary ?? '').replace(/\s+/g, ' ').trim();
        return `${violation.id} (${violation.impact ?? 'unknown'}) at ${node.target.join(' ')}: ${violation.help} [${violation.helpUrl}] — ${summary}`;
      }),
    );
}

/**
 * Runs axe on the page as it is, in the light theme and then the dark one, and expects no serious or critical
 * violation. Soft expectations, so one run reports every screen of a journey rather than stopping at the first.
 */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await page.evaluate(() => window.matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
    const results = await new AxeBuilder({ page }).analyze();
    expect.soft(describeViolations(results), `axe on "${screen}" in the ${colorScheme} theme`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function signInAndSync(world: World): Promise<FakeProject> {
  const { page } = world;
  const project = world.fake.dataset.projects[0]!;
  await world.signInThroughConsent('Allow');
  await page.getByRole('complementary', { name: 'Projects' }).getByRole('button', { name: `Sync ${project.name}` }).click();
  await expect(page.getByText('Sync finished.')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('grid', { name: 'Keys' })).toBeVisible();
  return project;
}

/** Plain, visible keys with a translation in the project's second language: each opens a single-text editor. */
function plainKeys(world: World, project: FakeProject): FakeKey[] {
  return Array.from({ length: project.keyCount }, (_, index) => world.fake.dataset.key(project, index)).filter(
    (key) => !key.isPlural && !key.isArchived && !key.isHidden && key.translations[1]?.value !== '' && key.charLimit === 0,
  );
}

/** Selects a key's cell in the second language's column. */
async function selectKey(page: Page, project: FakeProject, key: FakeKey): Promise<Locator> {
  const language = project.languages[1]!;
  await page.getByRole('searchbox', { name: 'Search keys' }).fill(key.keyNames.web);
  await expect(page.locator('.match-count')).toContainText('match the search');
  const grid = page.getByRole('grid', { name: 'Keys' });
  const column = await grid.getByRole('columnheader').filter({ hasText: language.name }).getAttribute('aria-colindex');
  const row = grid.getByRole('row').filter({ has: page.getByRole('gridcell').first().getByText(key.keyNames.web, { exact: true }) });
  const cell = row.locator(`[role="gridcell"][aria-colindex="${column ?? ''}"]`);
  await cell.click();
  await expect(cell).toBeFocused();
  return cell;
}

/** Selects a key and opens its detail panel with Enter on the key's name, so no editor takes the focus. */
async function openDetail(page: Page, project: FakeProject, key: FakeKey): Promise<Locator> {
  const cell = await selectKey(page, project, key);
  await page.keyboard.press('Home');
  await expect(cell.locator('xpath=..').locator('[role="gridcell"][aria-colindex="1"]')).toBeFocused();
  await page.keyboard.press('Enter');
  const detail = page.getByRole('region', { name: 'Key details' });
  await expect(detail.getByRole('heading', { level: 2 })).toContainText(key.keyNames.web);
  return detail;
}

/** Opens the second language's editor of a key the keyboard way: select its cell, press Enter. */
async function openEditor(page: Page, project: FakeProject, key: FakeKey): Promise<Locator> {
  await selectKey(page, project, key);
  await page.keyboard.press('Enter');
  const language = project.languages[1]!;
  const field = page.getByRole('region', { name: 'Key details' }).getByRole('region', { name: language.name }).getByRole('textbox', { name: `${language.name} translation` });
  await expect(field).toBeFocused();
  return field;
}

async function saveEdit(page: Page, field: Locator, value: string): Promise<void> {
  await field.fill(value);
  await field.press('Enter');
  await expect(page.getByRole('region', { name: 'Key details' }).getByText('Saved on this computer.')).toBeVisible();
}

/** What the grid exposes to assistive technology: its counts, and each rendered row's index, cell roles and indexes. */
interface GridShape {
  rowCount: number;
  colCount: number;
  rows: { rowIndex: number; roles: (string | null)[]; colIndexes: number[] }[];
  cellTabStops: number;
  focusedIsTabStop: boolean;
}

function gridShape(grid: Locator): Promise<GridShape> {
  return grid.evaluate((element) => {
    const cells = [...element.querySelectorAll<HTMLElement>('[role="gridcell"], [role="columnheader"]')];
    return {
      rowCount: Number(element.getAttribute('aria-rowcount')),
      colCount: Number(element.getAttribute('aria-colcount')),
      rows: [...element.querySelectorAll('[role="row"]')].map((row) => {
        const rowCells = [...row.querySelectorAll('[role="gridcell"], [role="columnheader"]')];
        return {
          rowIndex: Number(row.getAttribute('aria-rowindex')),
          roles: rowCells.map((cell) => cell.getAttribute('role')),
          colIndexes: rowCells.map((cell) => Number(cell.getAttribute('aria-colindex'))),
        };
      }),
      cellTabStops: cells.filter((cell) => cell.tabIndex === 0).length,
      focusedIsTabStop: document.activeElement instanceof HTMLElement && cells.includes(document.activeElement) && document.activeElement.tabIndex === 0,
    };
  });
}

/**
 * The ARIA grid pattern on a virtualized grid: the grid counts every row (header included) and column even when only
 * some rows are rendered, each rendered row says where it is, its cells are gridcells (columnheaders in the header)
 * with their column index, and exactly one cell is in the tab order: the focused one (roving tabindex).
 */
function expectGridPattern(shape: GridShape, keyCount: number, columnCount: number): void {
  expect(shape.rowCount).toBe(keyCount + 1);
  expect(shape.colCount).toBe(columnCount);
  const [header, ...body] = shape.rows;
  expect(header).toEqual({ rowIndex: 1, roles: Array<string>(columnCount).fill('columnheader'), colIndexes: Array.from({ length: columnCount }, (_, index) => index + 1) });
  expect(body.length).toBeGreaterThan(0);
  for (const row of body) {
    expect(row.roles).toEqual(Array<string>(columnCount).fill('gridcell'));
    expect(row.colIndexes).toEqual(Array.from({ length: columnCount }, (_, index) => index + 1));
    expect(row.rowIndex).toBeGreaterThan(1);
    expect(row.rowIndex).toBeLessThanOrEqual(keyCount + 1);
  }
  const indexes = body.map((row) => row.rowIndex).sort((left, right) => left - right);
  expect(new Set(indexes).size).toBe(indexes.length);
  expect(shape.cellTabStops).toBe(1);
  expect(shape.focusedIsTabStop).toBe(true);
}

test('the key grid follows the ARIA grid pattern, rendered rows and all, from the first row to the last', async ({ world }) => {
  const project = await signInAndSync(world);
  const { page } = world;
  const grid = page.getByRole('grid', { name: 'Keys' });
  const flags = Array.from({ length: project.keyCount }, (_, index) => world.fake.dataset.flags(project, index));
  const keyCount = flags.filter((flag) => !flag.isArchived && !flag.isHidden).length;
  // The columns settle once the project's languages are known (my languages from Lokalise, the snapshot's facets,
  // both asked for after the first page): wait for them rather than counting the first render's.
  const columnCount = 1 + project.languages.length;
  await expect(grid.getByRole('columnheader')).toHaveCount(columnCount);

  await grid.getByRole('row').nth(1).getByRole('gridcell').first().click();
  const top = await gridShape(grid);
  expectGridPattern(top, keyCount, columnCount);
  // Virtualized: not every key is in the page, yet the counts above still cover them all.
  expect(top.rows.length).toBeLessThan(keyCount + 1);

  // Ctrl+End goes to the last key: the rows rendered there carry the last indexes, the focus and the one tab stop.
  await page.keyboard.press('Control+End');
  await expect(grid.locator(`[role="row"][aria-rowindex="${keyCount + 1}"] [role="gridcell"][aria-colindex="1"]`)).toBeFocused();
  expectGridPattern(await gridShape(grid), keyCount, columnCount);
  await expectAccessible(page, 'workspace grid at its last row');
});

test('the sign-in screen', async ({ world }) => {
  const { page } = world;
  await expect(page.getByRole('button', { name: 'Sign in with Lokalise' })).toBeVisible();
  await expectAccessible(page, 'sign-in');
});

test('the workspace with a key selected, its editor, the changes panel and a conflict', async ({ world }) => {
  const project = await signInAndSync(world);
  const { page } = world;
  const [first, second] = plainKeys(world, project);
  const language = project.languages[1]!;

  await openDetail(page, project, first!);
  await expectAccessible(page, 'workspace grid with a key selected');

  const field = await openEditor(page, project, first!);
  await expectAccessible(page, 'translation editor open');

  await saveEdit(page, field, 'Accessible edit');
  const bar = page.getByRole('region', { name: 'Changes to push' });
  await expect(bar).toContainText('1 change saved on this computer, not pushed yet.');
  await bar.getByRole('button', { name: 'Review changes' }).click();
  const panel = page.getByRole('dialog', { name: 'Changes' });
  await expect(panel).toContainText('Checks of the 1 changes waiting to be pushed');
  await expectAccessible(page, 'changes panel with a pending edit');
  await panel.getByRole('button', { name: 'Close' }).click();
  await expect(panel).toBeHidden();

  // A colleague changes the same text on Lokalise meanwhile: the push turns it into a conflict to settle.
  await saveEdit(page, await openEditor(page, project, second!), 'Mine, in conflict');
  world.fake.editAsOtherUser(project.projectId, second!.keyId, language.iso, 'Theirs, in conflict');
  await page.getByRole('button', { name: 'Push 2 changes' }).click();
  await expect(bar).toContainText('1 conflict', { timeout: 30_000 });
  await bar.getByRole('button', { name: 'Review 1 change that needs you' }).click();
  await expect(panel.getByRole('article')).toHaveCount(1);
  await expect(panel.getByRole('article')).toContainText('Theirs, in conflict');
  await expectAccessible(page, 'conflict view');
});

test('the QA settings dialog', async ({ world }) => {
  const project = await signInAndSync(world);
  const { page } = world;
  await page.getByRole('button', { name: 'QA settings' }).click();
  await expect(page.getByRole('dialog', { name: `QA checks for ${project.name}` }).getByLabel('Placeholders')).toBeVisible();
  await expectAccessible(page, 'QA settings dialog');
});

test('the account dialogs: sign out, and forget offline data with an edit waiting', async ({ world }) => {
  const project = await signInAndSync(world);
  const { page } = world;
  await page.getByRole('button', { name: 'Sign out' }).click();
  const signOut = page.getByRole('alertdialog', { name: 'Sign out of Lokalise?' });
  await expect(signOut).toBeVisible();
  await expectAccessible(page, 'sign-out confirmation');
  await signOut.getByRole('button', { name: 'Cancel' }).click();
  await expect(signOut).toBeHidden();

  await saveEdit(page, await openEditor(page, project, plainKeys(world, project)[0]!), 'Waiting edit');
  await page.getByRole('button', { name: 'Forget offline data' }).click();
  const forget = page.getByRole('alertdialog', { name: 'Forget all offline data?' });
  await expect(forget.getByRole('button', { name: 'Discard 1 edit and forget' })).toBeVisible();
  await expectAccessible(page, 'forget offline data confirmation');
});

test('the offline state', async ({ world }) => {
  await signInAndSync(world);
  const { page } = world;
  world.fake.setReachable(false);
  const banner = page.getByRole('status', { name: 'Offline', exact: true });
  await expect(banner).toContainText('Lokalise cannot be reached.');
  await expect(page.getByRole('complementary', { name: 'Projects' }).getByRole('button', { name: 'Sync all' })).toBeDisabled();
  await expectAccessible(page, 'offline');
});

test('the workspace at 900×600 with a key selected', async ({ world }) => {
  const project = await signInAndSync(world);
  const { page } = world;
  await page.setViewportSize({ width: 900, height: 600 });
  await openDetail(page, project, plainKeys(world, project)[0]!);
  expect(await page.evaluate(() => [window.innerWidth, window.innerHeight])).toEqual([900, 600]);
  await expectAccessible(page, 'workspace at 900×600');
});

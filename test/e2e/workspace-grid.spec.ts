/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The key grid in a real Chromium at the sizes a translator uses: how many rows fit, that nothing overlaps or
 * overflows on a small window, right-to-left and CJK text, and the keyboard path. Each screenshot is taken only after
 * the page was checked to be in the state its name says.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type World } from '../support/e2e/fixtures';

test.use({ fakeOptions: { projects: 3, keysPerProject: 1200, languages: 6, seed: 7 } });

async function signInAndSync(world: World): Promise<void> {
  const { page } = world;
  await world.signInThroughConsent('Allow');
  const name = world.fake.dataset.projects[0]!.name;
  await page.getByRole('complementary', { name: 'Projects' }).getByRole('button', { name: `Sync ${name}` }).click();
  await expect(page.getByText('Sync finished.')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('grid', { name: 'Keys' }).getByRole('row').nth(1)).toBeVisible();
}

/** Shows exactly `isos` as target columns, through the Languages menu. */
async function chooseTargets(page: Page, isos: readonly string[]): Promise<void> {
  await page.getByText(/^Languages/).click();
  const boxes = page.locator('.language-choice input');
  for (let index = 0; index < (await boxes.count()); index += 1) {
    const label = (await page.locator('.language-choice').nth(index).innerText()).trim();
    const wanted = isos.some((iso) => label.includes(`(${iso})`));
    if ((await boxes.nth(index).isChecked()) !== wanted) await boxes.nth(index).click();
  }
  await page.getByText(/^Languages/).click();
}

/** Body rows whose whole box lies inside the grid's scroll area, below the sticky header. */
async function fullyVisibleRows(page: Page): Promise<number> {
  return page.evaluate(() => {
    const grid = document.querySelector('.key-grid')!.getBoundingClientRect();
    const header = document.querySelector('.grid-head')!.getBoundingClientRect();
    return [...document.querySelectorAll('.grid-body > [role="row"]')].filter((row) => {
      const box = row.getBoundingClientRect();
      return box.top >= header.bottom - 0.5 && box.bottom <= grid.bottom + 0.5;
    }).length;
  });
}

/** Pairs of visible controls whose boxes overlap, and controls that reach outside the window. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    const height = document.documentElement.clientHeight;
    if (document.documentElement.scrollWidth > width) problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    if (document.documentElement.scrollHeight > height) problems.push(`page scrolls down: ${document.documentElement.scrollHeight} > ${height}`);
    // A control's box as shown: clipped by the scrolling panels around it; null when scrolled out of sight.
    const shownBox = (element: HTMLElement): DOMRect | null => {
      let box = element.getBoundingClientRect();
      for (let parent = element.parentElement; parent !== null; parent = parent.parentElement) {
        const style = getComputedStyle(parent);
        if (!/(auto|scroll|hidden)/.test(style.overflowX + style.overflowY)) continue;
        const clip = parent.getBoundingClientRect();
        const left = Math.max(box.left, clip.left);
        const top = Math.max(box.top, clip.top);
        const right = Math.min(box.right, clip.right);
        const bottom = Math.min(box.bottom, clip.bottom);
        if (right - left < 1 || bottom - top < 1) return null;
        box = new DOMRect(left, top, right - left, bottom - top);
      }
      return box;
    };
    // Controls under an overlay (the detail panel over the grid) are covered on purpose: only the top one counts.
    const onTop = (element: HTMLElement, box: DOMRect): boolean => {
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return hit === null || element.contains(hit) || hit.contains(element);
    };
    const controls = [...document.querySelectorAll<HTMLElement>('button, input, select, summary, output')]
      .filter((element) => element.checkVisibility() && element.closest('[role="grid"]') === null && element.closest('.menu-panel') === null)
      .map((element) => ({ element, box: shownBox(element) }))
      .filter((entry): entry is { element: HTMLElement; box: DOMRect } => entry.box !== null && onTop(entry.element, entry.box))
      .map(({ element, box }) => ({ name: `${element.tagName.toLowerCase()} "${(element.getAttribute('aria-label') ?? element.textContent).trim().slice(0, 30)}"`, box }));
    for (const control of controls) {
      if (control.box.left < 0 || control.box.right > width + 0.5 || control.box.bottom > height + 0.5) problems.push(`${control.name} outside the window`);
    }
    controls.forEach((one, index) => {
      for (const other of controls.slice(index + 1)) {
        const overlap = Math.min(one.box.right, other.box.right) - Math.max(one.box.left, other.box.left) > 1 && Math.min(one.box.bottom, other.box.bottom) - Math.max(one.box.top, other.box.top) > 1;
        if (overlap) problems.push(`${one.name} overlaps ${other.name}`);
      }
    });
    const toolbar = document.querySelector('[role="toolbar"]')!.getBoundingClientRect();
    const search = document.querySelector('[role="searchbox"]')!.getBoundingClientRect();
    if (toolbar.height > search.height * 2) problems.push(`toolbar wraps: ${toolbar.height}px tall`);
    return problems;
  });
}

test('1280×800: at least 18 keys fully visible with the source and two targets, headers naming each language', async ({ world }) => {
  const { page } = world;
  await signInAndSync(world);
  await page.setViewportSize({ width: 1280, height: 800 });
  await chooseTargets(page, ['ar', 'ja']);
  const headers = page.getByRole('columnheader');
  await expect(headers).toHaveCount(4);
  await expect(headers.nth(1)).toContainText('English');
  await expect(headers.nth(2)).toContainText(/Arabic ar.*% translated/);
  expect(await fullyVisibleRows(page)).toBeGreaterThanOrEqual(18);
  expect(await layoutProblems(page)).toEqual([]);
  await expect(page.locator('.match-count')).toContainText(/ of 1,200 keys — \d+ archived keys/);
  await world.screenshot('workspace-1280x800');
});

test('900×600: the project list folds away, the toolbar keeps one row, nothing overlaps or overflows', async ({ world }) => {
  const { page } = world;
  await signInAndSync(world);
  await page.setViewportSize({ width: 900, height: 600 });
  await chooseTargets(page, ['ar', 'ja']);
  await expect(page.getByRole('complementary', { name: 'Projects' })).toBeHidden();
  expect(await layoutProblems(page)).toEqual([]);
  // The details open as an overlay over the grid, and Escape closes them again.
  await page.getByRole('grid', { name: 'Keys' }).getByRole('gridcell').nth(1).click();
  await page.keyboard.press('Enter');
  const detail = page.getByRole('region', { name: 'Key details' });
  await expect(detail.getByRole('heading', { level: 2 })).toBeVisible();
  expect(await detail.evaluate((element) => getComputedStyle(element).position)).toBe('absolute');
  expect(await layoutProblems(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
  // The project list comes back as an overlay from the top bar.
  await page.getByRole('button', { name: 'Projects' }).click();
  await expect(page.getByRole('complementary', { name: 'Projects' })).toBeVisible();
  await page.getByRole('button', { name: 'Projects' }).click();
  await world.screenshot('workspace-900x600');
});

test('right-to-left: Arabic cells and the detail panel sit against the right edge', async ({ world }) => {
  const { page } = world;
  await signInAndSync(world);
  const grid = page.getByRole('grid', { name: 'Keys' });
  const arabicCell = grid.locator('[role="gridcell"][dir="rtl"]').filter({ hasNot: page.locator('.cell-empty') }).first();
  await arabicCell.click();
  await page.keyboard.press('Enter');
  // The text's right edge meets the cell's right edge (less its padding), not its left.
  const gap = await arabicCell.evaluate((element) => element.getBoundingClientRect().right - element.querySelector('.translation-text')!.getBoundingClientRect().right);
  expect(gap).toBeLessThan(40);
  const detailValue = page.getByRole('region', { name: 'Key details' }).getByRole('region', { name: 'Arabic' }).locator('[dir="rtl"]').first();
  await expect(detailValue).toBeVisible();
  expect(await detailValue.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
  await page.screenshot({ path: join('test-results', 'screens', 'workspace-rtl.png') });
});

test('CJK: Japanese and Chinese columns render and are searchable', async ({ world }) => {
  const { page } = world;
  await signInAndSync(world);
  await chooseTargets(page, ['ja', 'zh_CN']);
  await expect(page.getByRole('columnheader')).toHaveText([/Key/, /English/, /Japanese/, /Chinese/]);
  await page.getByRole('searchbox', { name: 'Search keys' }).fill('設定');
  await expect(page.locator('mark.match').first()).toHaveText('設定');
  expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans CJK JP"', '設定'))).toBe(true);
  await page.screenshot({ path: join('test-results', 'screens', 'workspace-cjk.png') });
});

test('keyboard: arrows move the focused cell, Enter opens the editor, Escape undoes typing then closes, Ctrl+C copies, Ctrl+F searches', async ({ world }) => {
  const { page } = world;
  await signInAndSync(world);
  const grid = page.getByRole('grid', { name: 'Keys' });
  await grid.getByRole('gridcell').first().click();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  const focused = page.locator('[role="gridcell"]:focus');
  await expect(focused).toHaveAttribute('data-cell', '1:1');
  // The focused cell shows a visible outline.
  expect(await focused.evaluate((element) => getComputedStyle(element).outlineStyle)).not.toBe('none');
  await expect(page.locator('[role="row"][aria-selected="true"]')).toHaveAttribute('aria-rowindex', '3');
  await page.keyboard.press('Control+c');
  await expect.poll(() => world.clipboard.text).not.toBe('');
  // Enter opens the cell's language in the detail panel with its editor focused; with nothing typed, Escape closes
  // the panel and gives the focus back to the cell.
  const detail = page.getByRole('region', { name: 'Key details' });
  await page.keyboard.press('Enter');
  await expect(detail).toBeVisible();
  await expect(detail.locator('textarea:focus')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
  await expect(page.locator('[role="gridcell"]:focus')).toHaveAttribute('data-cell', '1:1');
  // In a target language's editor, the first Escape puts back text typed and not yet saved, the second closes.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  const field = detail.locator('textarea:focus');
  await expect(field).toHaveCount(1);
  const before = await field.inputValue();
  await page.keyboard.type(' typed by mistake');
  await expect(field).toHaveValue(`${before} typed by mistake`);
  await page.keyboard.press('Escape');
  await expect(detail).toBeVisible();
  await expect(detail.locator('textarea:focus')).toHaveValue(before);
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
  await expect(page.locator('[role="gridcell"]:focus')).toHaveAttribute('data-cell', '1:2');
  expect(await world.core.api.edits.list(null, { states: [], keyIds: [], offset: 0, limit: 10 })).toEqual([]);
  await page.keyboard.press('Control+f');
  await expect(page.getByRole('searchbox', { name: 'Search keys' })).toBeFocused();
});

test('row menu: Shift+F10 on a cell copies the key name or a translation, and opens the key in Lokalise', async ({ world }) => {
  const { page } = world;
  await signInAndSync(world);
  const project = world.fake.dataset.projects[0]!;
  const grid = page.getByRole('grid', { name: 'Keys' });
  await grid.getByRole('gridcell').nth(1).click();
  const keyName = (await grid.locator('[data-cell="0:0"] .cell-key').innerText()).replace('⋯', '').trim().split('\n')[0]!;
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: `Actions for ${keyName}` });
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => world.clipboard.text).toBe(keyName);
  await expect(menu).toBeHidden();
  await expect(page.locator('[role="gridcell"]:focus')).toHaveAttribute('data-cell', '0:1');

  await page.keyboard.press('Shift+F10');
  await expect(menu).toBeVisible();
  await world.screenshot('row-menu');
  const opened = world.browser.nextUrl();
  await menu.getByRole('menuitem', { name: 'Open in Lokalise' }).click();
  const url = new URL(await opened);
  expect(url.pathname).toBe(`/project/${project.projectId}/`);
  expect(url.searchParams.get('view')).toBe('multi');
  expect(url.searchParams.get('search')).toBe(keyName);
  await expect(page.getByText(`Opened ${keyName} in Lokalise in your browser.`)).toBeAttached();
});

import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { GridFontWarmup } from './GridFontWarmup';

afterEach(cleanup);

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

describe('GridFontWarmup', () => {
  it('draws grid rows in the scripts, statuses and styles a grid uses, hidden from everyone, then removes them', async () => {
    const { container } = render(<GridFontWarmup />);
    const warmup = container.querySelector('.grid-font-warmup');
    expect(warmup).not.toBeNull();
    // Out of sight and out of reach: no screen reader, no Tab stop, no click lands in it.
    expect(warmup?.getAttribute('aria-hidden')).toBe('true');
    expect(warmup?.hasAttribute('inert')).toBe(true);
    // The grid's own rows, so the fonts resolved are exactly the grid's.
    const rows = warmup?.querySelectorAll('.grid-body > .grid-row') ?? [];
    expect(rows.length).toBe(2);
    const languages = [...(warmup?.querySelectorAll('[lang]') ?? [])].map((element) => element.getAttribute('lang'));
    expect(languages).toEqual(expect.arrayContaining(['ar', 'he', 'ja', 'zh-CN', 'zh-TW', 'ko', 'ru', 'th', 'hi']));
    expect(warmup?.querySelector('.translation-text[dir="rtl"][lang="ar"]')).not.toBeNull();
    const glyphs = [...(warmup?.querySelectorAll('.status-icon') ?? [])].map((icon) => icon.textContent);
    expect(new Set(glyphs)).toEqual(new Set(['○', '!', '●', '✓']));
    // The monospaced key name and placeholders, the italic empty cell, the tags and a selected row's plural forms.
    expect(warmup?.querySelector('.grid-cell-key .translation-text')?.textContent).toBe('settings.save_changes.title');
    expect(warmup?.querySelector('mark.placeholder')).not.toBeNull();
    expect(warmup?.querySelector('.cell-empty')?.textContent).toBe('Untranslated');
    expect([...(warmup?.querySelectorAll('.tag') ?? [])].map((tag) => tag.textContent)).toEqual(['archived', 'plural']);
    expect(warmup?.querySelector('.grid-row-selected .cell-forms dt')?.textContent).toBe('one');

    await act(async () => {
      await nextFrame();
      await nextFrame();
      await nextFrame();
    });
    expect(container.querySelector('.grid-font-warmup')).toBeNull();
  });
});

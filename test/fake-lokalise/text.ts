/**
 * Writes the fake's translation text. A key draws one template (phrases, an optional placeholder, emoji, HTML,
 * line break) and every language renders the same template in its own words, so a key reads as the same string
 * across languages the way real translations do.
 */
import type { Sequence } from './random';
import { emoji, placeholders, type FakeLanguageSpec } from './vocabulary';

/** What a key's text is made of, drawn once per key. */
export interface TextTemplate {
  readonly phraseIndexes: readonly number[];
  readonly placeholder: string | null;
  readonly emoji: string | null;
  readonly html: 'bold' | 'link' | null;
  readonly multiline: boolean;
}

/** Draws a template from the key's sequence (the order of draws is part of the seed contract: keep it). */
export function drawTemplate(sequence: Sequence): TextTemplate {
  return {
    phraseIndexes: Array.from({ length: 1 + sequence.below(2) }, () => sequence.below(1000)),
    placeholder: sequence.chance(0.3) ? sequence.pick(placeholders) : null,
    emoji: sequence.chance(0.06) ? sequence.pick(emoji) : null,
    html: sequence.chance(0.06) ? (sequence.chance(0.5) ? 'bold' : 'link') : null,
    multiline: sequence.chance(0.04),
  };
}

/** The singular text of a template in one language. */
export function renderText(language: FakeLanguageSpec, template: TextTemplate): string {
  const phrases = template.phraseIndexes.map((phraseIndex) => language.phrases[phraseIndex % language.phrases.length] ?? '');
  let text = phrases.join(template.multiline ? '\n' : language.joiner === '' ? '。' : '. ');
  if (template.placeholder !== null) text = `${text}${language.joiner === '' ? '' : ' '}${template.placeholder}`;
  if (template.html === 'bold') text = `<b>${text}</b>`;
  if (template.html === 'link') text = `${text} <a href="https://example.com/help/${language.iso}">?</a>`;
  if (template.emoji !== null) text = `${text} ${template.emoji}`;
  return text;
}

/** One plural form of a template; counts use Lokalise's `[%i:count]` universal placeholder. */
export function renderPluralForm(language: FakeLanguageSpec, template: TextTemplate, form: string): string {
  const phrase = language.phrases[(template.phraseIndexes[0] ?? 0) % language.phrases.length] ?? '';
  const count = form === 'one' ? '1' : form === 'zero' ? '0' : form === 'two' ? '2' : '[%i:count]';
  return `${phrase}${language.joiner === '' ? '' : ' '}(${count})`;
}

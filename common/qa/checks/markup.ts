/**
 * Checks of the text's structure: ICU syntax (the formatter throws on a broken message) and HTML/XML tags (a lost
 * `</b>` makes the rest of a screen bold; a lost `<a>` loses a link).
 */
import type { Tag } from '../text/tokens';
import { difference, shown, span, type FormCheck, type Report } from './context';

/**
 * Reports an ICU syntax error in the target, only when the source itself is a valid ICU message with braces: in a
 * project that does not use ICU a stray brace is the bracket checks' business, not a syntax error.
 */
export const checkIcuSyntax: FormCheck = (pair, report) => {
  if (pair.placeholderSource.icu?.ok !== true && pair.source.icu?.ok !== true) return;
  const target = pair.target.icu;
  if (target === null || target.ok) return;
  const { problem } = target;
  // A short span names the culprit ("foo" in `{n, foo}`); a long one is a whole argument, named by its brace.
  const token = pair.target.text.slice(problem.start, problem.end - problem.start <= 20 ? problem.end : problem.start + 1);
  report({
    message: `The ICU message is broken${token === '' ? '' : ` at ${shown(token)}`}: ${problem.message}`,
    token: token === '' ? null : token,
    range: span(problem.start, problem.end),
  });
};

const tagKey = (tag: Tag): string => `${tag.kind}:${tag.name}`;

function closingOf(tag: Tag): string {
  return `</${tag.text.slice(1).split(/[\s/>]/)[0] ?? tag.name}>`;
}

/** Tags out of order or crossed (`<b><i></b></i>`), given the same tags as the source. */
function reportNesting(tags: readonly Tag[], report: Report): void {
  const open: Tag[] = [];
  for (const tag of tags) {
    if (tag.kind === 'self') continue;
    if (tag.kind === 'open') {
      open.push(tag);
      continue;
    }
    if (open.at(-1)?.name === tag.name) {
      open.pop();
      continue;
    }
    const inner = open.at(-1);
    report({
      message:
        inner === undefined
          ? `${shown(tag.text)} closes a tag that is not open at that point: move it after its opening tag.`
          : `${shown(tag.text)} closes before ${shown(closingOf(inner))}: tags must close in the reverse order they open.`,
      token: tag.text,
      range: span(tag.start, tag.end),
    });
    return;
  }
  const unclosed = open.at(-1);
  if (unclosed !== undefined) report({ message: `${shown(unclosed.text)} is not closed: add ${shown(closingOf(unclosed))} after the text it formats.`, token: unclosed.text, range: span(unclosed.start, unclosed.end) });
}

function isBalanced(tags: readonly Tag[]): boolean {
  const open: string[] = [];
  for (const tag of tags) {
    if (tag.kind === 'open') open.push(tag.name);
    else if (tag.kind === 'close' && open.pop() !== tag.name) return false;
  }
  return open.length === 0;
}

/** Tags missing from or added to the target, then (when the tags are the same) their nesting. */
export const checkHtmlTags: FormCheck = (pair, report) => {
  const sourceTags = pair.source.tokens.tags;
  const targetTags = pair.target.tokens.tags;
  if (sourceTags.length === 0 && targetTags.length === 0) return;
  const { missing, extra } = difference(sourceTags, targetTags, tagKey);
  for (const tag of missing) report({ message: `The tag ${shown(tag.text)} is missing: the source has it, keep it around the same words.`, token: tag.text, range: null });
  for (const tag of extra) report({ message: `The tag ${shown(tag.text)} is not in the source: remove it, or write it as in the source.`, token: tag.text, range: span(tag.start, tag.end) });
  if (missing.length === 0 && extra.length === 0 && isBalanced(sourceTags)) reportNesting(targetTags, report);
};

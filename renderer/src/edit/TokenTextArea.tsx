/**
 * A multi-line text field that shows placeholders and tags as tokens and keeps them whole (see `token-guard.ts`).
 *
 * It is a real `<textarea>` (so keyboard, IME, spell-check, screen readers, RTL and undo of plain typing all work as
 * everywhere else) over a mirror that draws the same text with the tokens and QA ranges marked. The mirror sets the
 * height, so the field grows with its text and never scrolls inside; the textarea is stretched over it.
 */
import { useImperativeHandle, useLayoutEffect, useMemo, useRef, type Ref } from 'react';
import type { QaRange } from '../../../common/qa';
import { guardChange, insertToken } from './token-guard';
import { findTokens, type TokenSpan } from './tokens';

/** What a parent can do with the field: focus it (caret at the end), or put a token where the caret is. */
export interface TokenTextAreaHandle {
  focus(): void;
  /** Inserts `token` at the caret (or over the selection), keeping other tokens whole, and focuses the field. */
  insertToken(token: string): void;
}

export interface TokenTextAreaProps {
  readonly id: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly label: string;
  readonly dir: 'ltr' | 'rtl';
  readonly lang: string;
  readonly readOnly?: boolean;
  /** Ranges to underline (QA issues of this text). */
  readonly marks?: readonly { readonly range: QaRange; readonly severity: 'error' | 'warning' }[];
  readonly describedBy?: string;
  readonly invalid?: boolean;
  /** Shown while the field is empty. */
  readonly placeholder?: string;
  readonly onKeyDown?: (event: React.KeyboardEvent<HTMLTextAreaElement>) => void;
  readonly onBlur?: () => void;
  readonly handle?: Ref<TokenTextAreaHandle>;
}

interface Piece {
  readonly text: string;
  readonly token: TokenSpan['kind'] | null;
  readonly severity: 'error' | 'warning' | null;
}

/** The text cut at every token and mark boundary, each piece knowing what covers it. */
function pieces(text: string, tokens: readonly TokenSpan[], marks: TokenTextAreaProps['marks'] = []): Piece[] {
  const cuts = new Set<number>([0, text.length]);
  for (const token of tokens) cuts.add(token.start).add(token.end);
  for (const mark of marks) cuts.add(Math.min(mark.range.start, text.length)).add(Math.min(mark.range.end, text.length));
  const sorted = [...cuts].sort((left, right) => left - right);
  const result: Piece[] = [];
  for (let index = 0; index + 1 < sorted.length; index += 1) {
    const start = sorted[index] ?? 0;
    const end = sorted[index + 1] ?? 0;
    if (end <= start) continue;
    const token = tokens.find((item) => item.start <= start && end <= item.end);
    const covering = marks.filter((mark) => mark.range.start <= start && end <= mark.range.end);
    const severity = covering.some((mark) => mark.severity === 'error') ? 'error' : covering.length > 0 ? 'warning' : null;
    result.push({ text: text.slice(start, end), token: token?.kind ?? null, severity });
  }
  return result;
}

/** The token-aware text field. */
export function TokenTextArea(props: TokenTextAreaProps): React.JSX.Element {
  const { id, value, onChange, label, dir, lang, readOnly = false, marks, describedBy, invalid = false, placeholder, onKeyDown, onBlur, handle } = props;
  const input = useRef<HTMLTextAreaElement>(null);
  const pendingCaret = useRef<number | null>(null);
  const tokens = useMemo(() => findTokens(value), [value]);

  useLayoutEffect(() => {
    const caret = pendingCaret.current;
    const element = input.current;
    if (caret === null || element === null) return;
    pendingCaret.current = null;
    element.setSelectionRange(caret, caret);
  });

  useImperativeHandle(
    handle,
    () => ({
      // The caret goes after the text, where a translator continues typing (as in Lokalise's and Poedit's editors).
      focus: () => {
        const element = input.current;
        if (element === null) return;
        element.focus();
        element.setSelectionRange(element.value.length, element.value.length);
      },
      insertToken: (token: string) => {
        const element = input.current;
        if (element === null || readOnly) return;
        const change = insertToken(value, element.selectionStart, element.selectionEnd, token, tokens);
        pendingCaret.current = change.caret;
        onChange(change.text);
        element.focus();
      },
    }),
    [value, tokens, onChange, readOnly],
  );

  const handleChange = (event: React.ChangeEvent<HTMLTextAreaElement>): void => {
    const element = event.currentTarget;
    const change = guardChange(value, element.value, element.selectionEnd, tokens);
    if (change.adjusted) pendingCaret.current = change.caret;
    onChange(change.text);
  };

  return (
    <div className={`token-field${readOnly ? ' token-field-readonly' : ''}`}>
      <div className="token-mirror" aria-hidden="true" dir={dir} lang={lang}>
        {pieces(value, tokens, marks).map((piece, index) => (
          <span key={index} className={[piece.token === null ? '' : `token token-${piece.token}`, piece.severity === null ? '' : `qa-mark qa-mark-${piece.severity}`].join(' ').trim() || undefined}>
            {piece.text}
          </span>
        ))}
        {/* A last line that ends in a line break still needs its height. */}
        {' '}
      </div>
      <textarea
        ref={input}
        id={id}
        className="token-input"
        value={value}
        onChange={handleChange}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
        aria-label={label}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        readOnly={readOnly}
        placeholder={placeholder}
        dir={dir}
        lang={lang}
        rows={1}
        spellCheck
      />
    </div>
  );
}

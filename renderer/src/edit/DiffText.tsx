import { diffWords } from './word-diff';

/**
 * `newer` shown against `older`, word by word: added words underlined, removed words struck through, each also
 * named for screen readers (colour is never the only sign). `dir` and `lang` keep RTL and CJK text right.
 */
export function DiffText({ older, newer, dir, lang }: { older: string; newer: string; dir: 'ltr' | 'rtl'; lang: string }): React.JSX.Element {
  const parts = diffWords(older, newer, lang);
  return (
    <span className="translation-text diff-text" dir={dir} lang={lang}>
      {parts.length === 0 && <span className="untranslated">Empty</span>}
      {parts.map((part, index) =>
        part.kind === 'same' ? (
          <span key={index}>{part.text}</span>
        ) : part.kind === 'added' ? (
          <ins key={index} className="diff-added">
            <span className="visually-hidden">[added: </span>
            {part.text}
            <span className="visually-hidden">]</span>
          </ins>
        ) : (
          <del key={index} className="diff-removed">
            <span className="visually-hidden">[removed: </span>
            {part.text}
            <span className="visually-hidden">]</span>
          </del>
        ),
      )}
    </span>
  );
}

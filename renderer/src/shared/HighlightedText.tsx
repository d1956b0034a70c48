import { segments } from './highlight';

/** Text with placeholders and search matches marked; `dir`/`lang` make RTL and CJK render correctly. */
export function HighlightedText({ text, search = '', dir, lang }: { text: string; search?: string; dir?: 'rtl' | 'ltr'; lang?: string }): React.JSX.Element {
  return (
    <span className="translation-text" dir={dir} lang={lang}>
      {segments(text, search).map((segment, index) =>
        segment.kind === 'text' ? (
          <span key={index}>{segment.text}</span>
        ) : (
          <mark
            key={index}
            className={segment.kind === 'placeholder' ? 'placeholder' : 'match'}
            dir={segment.kind === 'placeholder' ? 'ltr' : undefined}
            title={segment.kind === 'placeholder' ? 'Placeholder: keep it as it is' : undefined}
          >
            {segment.text}
          </mark>
        ),
      )}
    </span>
  );
}

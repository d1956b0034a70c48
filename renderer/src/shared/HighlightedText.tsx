import { segments } from './highlight';

/**
 * Text with placeholders and search matches marked; `dir`/`lang` make RTL and CJK render correctly. `className` is
 * added to the element's own (`translation-text`), so a grid cell needs no wrapper of its own around it. Plain runs
 * are bare text between the marks: a grid screen holds hundreds of these, and each element costs its first render.
 */
export function HighlightedText({ text, search = '', dir, lang, className }: { text: string; search?: string; dir?: 'rtl' | 'ltr'; lang?: string; className?: string }): React.JSX.Element {
  return (
    <span className={className === undefined ? 'translation-text' : `translation-text ${className}`} dir={dir} lang={lang}>
      {segments(text, search).map((segment, index) =>
        segment.kind === 'text' ? (
          segment.text
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

import type { Language, TranslationCell } from '../../../common/contract';
import { HighlightedText } from '../shared/HighlightedText';

/** A plural translation, one row per form in the order the language's `plural_forms` gives (CLDR categories). */
export function PluralForms({ cell, language, search }: { cell: TranslationCell; language: Language | undefined; search: string }): React.JSX.Element {
  const forms = cell.pluralForms ?? {};
  const order = language !== undefined && language.pluralForms.length > 0 ? language.pluralForms : Object.keys(forms);
  const extra = Object.keys(forms).filter((form) => !order.includes(form));
  return (
    <dl className="plural-forms">
      {[...order, ...extra].map((form) => (
        <div key={form} className="plural-form">
          <dt>{form}</dt>
          <dd dir={language?.isRtl === true ? 'rtl' : 'ltr'}>
            {forms[form] === undefined || forms[form] === '' ? (
              <span className="untranslated">Missing</span>
            ) : (
              <HighlightedText text={forms[form]} search={search} dir={language?.isRtl === true ? 'rtl' : 'ltr'} lang={cell.languageIso.replace('_', '-')} />
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

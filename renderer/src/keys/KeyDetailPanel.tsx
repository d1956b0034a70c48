import { useEffect, useState } from 'react';
import type { KeyDetail, Language, TranslationCell } from '../../../common/contract';
import { api, messageOf } from '../api';
import { CopyButton } from '../shared/CopyButton';
import { exactTime } from '../shared/format';
import { HighlightedText } from '../shared/HighlightedText';
import { PluralForms } from './PluralForms';

function longestForm(cell: TranslationCell): number {
  const texts = cell.pluralForms === null ? [cell.value] : Object.values(cell.pluralForms);
  return Math.max(0, ...texts.map((text) => [...new Intl.Segmenter().segment(text)].length));
}

function Translation({ cell, language, charLimit, search }: { cell: TranslationCell; language: Language | undefined; charLimit: number; search: string }): React.JSX.Element {
  const length = longestForm(cell);
  const tooLong = charLimit > 0 && length > charLimit;
  return (
    <section className="detail-translation" aria-label={language?.name ?? cell.languageIso}>
      <header>
        <h3>
          {language?.name ?? cell.languageIso} <span className="iso">{cell.languageIso}</span>
        </h3>
        {cell.isReviewed && <span className="badge badge-reviewed">Reviewed</span>}
        {cell.isUnverified && <span className="badge badge-unverified">Unverified</span>}
        {!cell.isEmpty && <CopyButton text={cell.pluralForms === null ? cell.value : JSON.stringify(cell.pluralForms)} label={`Copy ${language?.name ?? cell.languageIso} translation`} />}
      </header>
      {cell.isEmpty ? (
        <p className="untranslated">Untranslated</p>
      ) : cell.pluralForms !== null ? (
        <PluralForms cell={cell} language={language} search={search} />
      ) : (
        <p className="detail-value" dir={language?.isRtl === true ? 'rtl' : 'ltr'}>
          <HighlightedText text={cell.value} search={search} dir={language?.isRtl === true ? 'rtl' : 'ltr'} lang={cell.languageIso.replace('_', '-')} />
        </p>
      )}
      {tooLong && (
        <p className="notice notice-error" role="note">
          {length} characters: over the limit of {charLimit}.
        </p>
      )}
      {cell.modifiedAt !== null && <p className="hint">Modified {exactTime(cell.modifiedAt)}</p>}
    </section>
  );
}

/**
 * Everything about one key: names per platform, description, context, tags, limits and every translation. A side
 * column on wide windows, an overlay on narrow ones (styles.css); Escape or its close button closes it.
 */
export function KeyDetailPanel({
  projectId,
  keyId,
  languages,
  search,
  onClose,
}: {
  projectId: string;
  keyId: number | null;
  languages: readonly Language[];
  search: string;
  onClose?: () => void;
}): React.JSX.Element {
  const [detail, setDetail] = useState<KeyDetail | null>(null);
  const [missing, setMissing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setDetail(null);
    setProblem(null);
    setMissing(false);
    if (keyId === null) return;
    let live = true;
    api()
      .keys.detail(projectId, keyId)
      .then((loaded) => {
        if (!live) return;
        setDetail(loaded);
        setMissing(loaded === null);
      })
      .catch((error: unknown) => {
        if (live) setProblem(messageOf(error));
      });
    return () => {
      live = false;
    };
  }, [projectId, keyId]);
  const byIso = new Map(languages.map((language) => [language.iso, language]));
  return (
    <aside className="detail" id="key-details" role="region" aria-label="Key details">
      {onClose !== undefined && (
        <button type="button" className="detail-close" aria-label="Close key details (Esc)" title="Close (Esc)" onClick={onClose}>
          ×
        </button>
      )}
      {keyId === null && <p className="empty">Select a key to see its details.</p>}
      {problem !== null && <p role="alert">{problem}</p>}
      {missing && <p className="empty">This key is no longer in the offline library. It was probably deleted in Lokalise at the last sync.</p>}
      {detail !== null && (
        <>
          <h2 className="detail-name">
            <HighlightedText text={detail.name} search={search} />
            <CopyButton text={detail.name} label="Copy key name" />
          </h2>
          <dl className="detail-facts">
            {(['ios', 'android', 'web', 'other'] as const).map((platform) => (
              <div key={platform}>
                <dt>{platform}</dt>
                <dd>{detail.keyNames[platform]}</dd>
              </div>
            ))}
            {detail.description !== '' && (
              <div>
                <dt>Description</dt>
                <dd>{detail.description}</dd>
              </div>
            )}
            {detail.context !== '' && (
              <div>
                <dt>Context</dt>
                <dd>{detail.context}</dd>
              </div>
            )}
            {detail.tags.length > 0 && (
              <div>
                <dt>Tags</dt>
                <dd>{detail.tags.join(', ')}</dd>
              </div>
            )}
            <div>
              <dt>Platforms</dt>
              <dd>{detail.platforms.join(', ')}</dd>
            </div>
            {detail.charLimit > 0 && (
              <div>
                <dt>Character limit</dt>
                <dd>{detail.charLimit}</dd>
              </div>
            )}
            {detail.isPlural && (
              <div>
                <dt>Plural</dt>
                <dd>{detail.pluralName === '' ? 'yes' : detail.pluralName}</dd>
              </div>
            )}
            {detail.modifiedAt !== null && (
              <div>
                <dt>Modified</dt>
                <dd>{exactTime(detail.modifiedAt)}</dd>
              </div>
            )}
          </dl>
          {detail.translations.map((cell) => (
            <Translation key={cell.languageIso} cell={cell} language={byIso.get(cell.languageIso)} charLimit={detail.charLimit} search={search} />
          ))}
        </>
      )}
    </aside>
  );
}

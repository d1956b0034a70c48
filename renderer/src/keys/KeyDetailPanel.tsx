import { useEffect, useRef, useState } from 'react';
import type { KeyDetail, Language, TranslationCell } from '../../../common/contract';
import { api, messageOf } from '../api';
import { accessFor } from '../edit/access';
import { TranslationEditor } from '../edit/TranslationEditor';
import { useContributor } from '../edit/use-contributor';
import { CopyButton } from '../shared/CopyButton';
import { exactTime } from '../shared/format';
import { HighlightedText } from '../shared/HighlightedText';

/** Opens the key in Lokalise's web editor (main builds the link and opens it in the system browser), saying if it could not. */
function OpenInLokalise({ projectId, keyId }: { projectId: string; keyId: number }): React.JSX.Element {
  const [failed, setFailed] = useState(false);
  return (
    <p className="detail-actions">
      <button
        type="button"
        className="link"
        onClick={() => {
          api()
            .keys.openInLokalise(projectId, keyId)
            .then((opened) => setFailed(!opened))
            .catch(() => setFailed(true));
        }}
      >
        Open in Lokalise
      </button>
      {failed && <span role="alert"> Could not open the browser.</span>}
    </p>
  );
}

/** Where the grid asks the panel to open the editor: a language, and a serial that changes with every request. */
export interface EditorRequest {
  readonly languageIso: string;
  readonly serial: number;
}

/** One translation of the key: its heading, copy button and editor (issue 19: the editor lives where the key is read). */
function Translation(props: {
  projectId: string;
  detail: KeyDetail;
  cell: TranslationCell;
  language: Language | undefined;
  source: { languageIso: string; cell: TranslationCell } | null;
  isSource: boolean;
  access: ReturnType<typeof accessFor>;
  focusSerial: number;
}): React.JSX.Element {
  const { projectId, detail, cell, language, source, isSource, access, focusSerial } = props;
  const name = language?.name ?? cell.languageIso;
  return (
    <section className="detail-translation" aria-label={name}>
      <header>
        <h3>
          {name} <span className="iso">{cell.languageIso}</span>
          {isSource && <span className="badge">Source</span>}
        </h3>
        {!cell.isEmpty && <CopyButton text={cell.pluralForms === null ? cell.value : JSON.stringify(cell.pluralForms)} label={`Copy ${name} translation`} />}
      </header>
      <TranslationEditor
        projectId={projectId}
        keyId={detail.keyId}
        isPlural={detail.isPlural}
        charLimit={detail.charLimit}
        cell={cell}
        language={language}
        source={source}
        access={access}
        focusSerial={focusSerial}
      />
      {cell.modifiedAt !== null && <p className="hint">Modified on Lokalise {exactTime(cell.modifiedAt)}</p>}
    </section>
  );
}

/**
 * Everything about one key: names per platform, description, context, tags, limits, and every translation in its
 * editor. `sourceIso` is the project's base language (its text is what the checks compare with); `editorRequest`
 * focuses one language's editor (the grid's "Enter opens the editor"). A side
 * column on wide windows, an overlay on narrow ones (styles.css); Escape or its close button closes it (in an
 * editor with uncommitted typing the first Escape puts the text back, the next one closes).
 */
export function KeyDetailPanel({
  projectId,
  keyId,
  languages,
  search,
  sourceIso = null,
  editorRequest = null,
  onClose,
}: {
  projectId: string;
  keyId: number | null;
  languages: readonly Language[];
  search: string;
  sourceIso?: string | null;
  editorRequest?: EditorRequest | null;
  onClose?: () => void;
}): React.JSX.Element {
  const [detail, setDetail] = useState<KeyDetail | null>(null);
  const [missing, setMissing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const shownKey = useRef<number | null>(null);
  const { contributor } = useContributor(projectId);
  // Edits change the cells' markers (pending, pushed, in conflict): read the key again, keeping what is on screen.
  useEffect(
    () =>
      api().edits.onChanged((change) => {
        if (change.projectIds.includes(projectId)) setReloads((previous) => previous + 1);
      }),
    [projectId],
  );
  useEffect(() => {
    if (shownKey.current !== keyId) {
      setDetail(null);
      setMissing(false);
    }
    shownKey.current = keyId;
    setProblem(null);
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
  }, [projectId, keyId, reloads]);
  const byIso = new Map(languages.map((language) => [language.iso, language]));
  return (
    <aside
      className="detail"
      id="key-details"
      role="region"
      aria-label="Key details"
      onKeyDown={(event) => {
        // Escape anywhere in the panel closes it, in an editor too: an editor with uncommitted typing takes the first
        // Escape itself (it puts the text back and stops the event), so only an Escape with nothing to undo gets here.
        if (event.key !== 'Escape' || event.defaultPrevented || event.nativeEvent.isComposing || onClose === undefined) return;
        event.preventDefault();
        event.stopPropagation();
        onClose();
      }}
    >
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
          <OpenInLokalise projectId={projectId} keyId={detail.keyId} />
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
          {detail.translations.map((cell) => {
            const sourceCell = cell.languageIso === sourceIso ? undefined : detail.translations.find((candidate) => candidate.languageIso === sourceIso);
            const language = byIso.get(cell.languageIso);
            return (
              <Translation
                key={`${detail.keyId}-${cell.languageIso}`}
                projectId={projectId}
                detail={detail}
                cell={cell}
                language={language}
                source={sourceCell === undefined || sourceIso === null ? null : { languageIso: sourceIso, cell: sourceCell }}
                isSource={cell.languageIso === sourceIso}
                access={accessFor(contributor, cell.languageIso, language?.name ?? cell.languageIso)}
                focusSerial={editorRequest?.languageIso === cell.languageIso ? editorRequest.serial : 0}
              />
            );
          })}
        </>
      )}
    </aside>
  );
}

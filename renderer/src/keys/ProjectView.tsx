import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { KeyRow, ProjectFacets, ProjectSummary } from '../../../common/contract';
import type { KeyQaFilter } from '../../../common/contract-qa';
import { api, messageOf } from '../api';
import { useDebounced } from '../shared/use-debounced';
import { gridColumns, useColumnWidths } from './grid/columns';
import type { CellPosition } from './grid/grid-keys';
import type { CellRenderer } from './grid/GridRow';
import { KeyGrid } from './grid/KeyGrid';
import { keyCountText } from './key-count';
import { searchNotices } from './search-notice';
import { KeyDetailPanel, type EditorRequest } from './KeyDetailPanel';
import { KeyToolbar, noFilters, type KeyFilters } from './KeyToolbar';
import { QaFilter } from './QaFilter';
import { QaSettingsButton } from '../qa/QaSettingsButton';
import { keyQuery } from './first-page-prefetch';
import { useKeyWindow } from './use-key-window';
import { useAfterPaint } from './use-after-paint';
import { defaultPreferences, hasStoredPreferences, useViewPreferences } from './use-view-preferences';
import { useWritableLanguages } from './use-writable-languages';

/** Whether a key press happened in a field, where Escape and shortcuts belong to the field. */
function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
}

/**
 * One project's keys: the toolbar, the grid and the detail panel. Ctrl/Cmd+F focuses the search; Enter on a cell
 * opens the detail panel and Escape closes it (or, with it closed, clears the search).
 */
export function ProjectView({
  project,
  reloadToken,
  viewportHeight,
  cellRenderer,
}: {
  project: ProjectSummary;
  reloadToken: number;
  viewportHeight?: number;
  /** Renders target cells differently (an editor); undefined keeps the grid's own cells. */
  cellRenderer?: CellRenderer;
}): React.JSX.Element {
  const [facets, setFacets] = useState<ProjectFacets | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [filters, setFilters] = useState<KeyFilters>(noFilters);
  const [qaFilter, setQaFilter] = useState<KeyQaFilter | null>(null);
  const [selected, setSelected] = useState<{ position: CellPosition; keyId: number | null } | null>(null);
  const [detailOpen, setDetailOpen] = useState(false);
  const [editorRequest, setEditorRequest] = useState<EditorRequest | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const debouncedSearch = useDebounced(search, 150);
  // The snapshot's languages (facets) with the progress Lokalise reported at the last project refresh.
  const languages = useMemo(() => {
    const progress = new Map(project.languages.map((language) => [language.iso, language.progress]));
    return facets === null ? project.languages : facets.languages.map((language) => ({ ...language, progress: language.progress ?? progress.get(language.iso) ?? null }));
  }, [facets, project.languages]);
  const writableIsos = useWritableLanguages(project.projectId);
  // A first visit waits for Lokalise's word on my languages, so the columns do not change under the translator.
  const settled = writableIsos !== undefined || hasStoredPreferences(project.projectId);
  const fallback = useMemo(() => defaultPreferences(languages, project.baseLanguageIso, { writableIsos }), [languages, project.baseLanguageIso, writableIsos]);
  const [preferences, setPreferences] = useViewPreferences(project.projectId, languages, fallback);
  const [widths, setWidth] = useColumnWidths(project.projectId);
  const columns = useMemo(() => gridColumns(preferences.sourceIso, preferences.targetIsos, languages), [preferences, languages]);

  const query = useMemo(
    () => (!settled ? null : keyQuery(project.projectId, preferences, debouncedSearch.trim(), filters, qaFilter)),
    [settled, project.projectId, preferences, debouncedSearch, filters, qaFilter],
  );
  const keys = useKeyWindow(query, reloadToken);
  // Facets and QA counts are asked for once this project's first page has answered (or failed) and its rows have
  // been painted, never before: the rows are what the translator came for (see useAfterPaint).
  const firstPageIn = useAfterPaint(keys.total !== null || keys.problem !== null, project.projectId);

  useEffect(() => {
    setFacets(null);
    setProblem(null);
    setSelected(null);
    setSearch('');
    setFilters(noFilters);
    setQaFilter(null);
  }, [project.projectId]);

  // A library change (a sync finished) refreshes the facets but keeps the translator's search, filters and place.
  // They wait for the first page: the core answers one call at a time, and the rows are what the translator came for.
  useEffect(() => {
    if (!firstPageIn) return undefined;
    let live = true;
    api()
      .projects.facets(project.projectId)
      .then((loaded) => {
        if (live) setFacets(loaded);
      })
      .catch((error: unknown) => {
        if (live) setProblem(messageOf(error));
      });
    return () => {
      live = false;
    };
  }, [project.projectId, reloadToken, firstPageIn]);

  const closeDetail = useCallback(() => {
    setDetailOpen(false);
    // Back to the cell the panel was opened from, so the keyboard path continues where it left.
    requestAnimationFrame(() => document.querySelector<HTMLElement>('.key-grid [role="gridcell"][tabindex="0"]')?.focus());
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key.toLowerCase() === 'f' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        searchBox.current?.focus();
        searchBox.current?.select();
      } else if (event.key === 'Escape' && !typing(event.target) && document.querySelector('[role="alertdialog"]') === null) {
        // Esc (not in another field or an open dialog) closes the detail panel, or with it closed clears the search.
        if (detailOpen) closeDetail();
        else setSearch('');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [detailOpen, closeDetail]);

  const querySignature = JSON.stringify(query);
  useEffect(() => {
    setSelected(null);
    setEditorRequest(null);
  }, [querySignature]);
  // Moving the selection drops an earlier "open the editor" request: a key the panel merely follows must not take
  // the focus away from the grid (only Enter or a double click hands it to an editor).
  const onSelect = useCallback((position: CellPosition, row: KeyRow | undefined) => {
    setSelected({ position, keyId: row?.keyId ?? null });
    setEditorRequest(null);
  }, []);
  const onOpen = useCallback(
    (position: CellPosition, row: KeyRow | undefined) => {
      setSelected({ position, keyId: row?.keyId ?? null });
      setDetailOpen(true);
      // Enter on a language's cell opens that language's editor in the panel.
      const iso = columns[position.column]?.iso ?? null;
      if (iso !== null) setEditorRequest((current) => ({ languageIso: iso, serial: (current?.serial ?? 0) + 1 }));
    },
    [columns],
  );
  const onCopy = useCallback((text: string) => api().app.copyText(text), []);
  const onOpenInLokalise = useCallback((row: KeyRow) => api().keys.openInLokalise(project.projectId, row.keyId), [project.projectId]);

  // One element while only the rows change: a page arriving renders the grid, not the toolbar and its menus again.
  const toolbar = useMemo(
    () => (
      <KeyToolbar
        ref={searchBox}
        facets={facets ?? { tags: [], platforms: [], languages, keyCounts: null }}
        preferences={preferences}
        onPreferences={setPreferences}
        search={search}
        onSearch={setSearch}
        filters={filters}
        onFilters={setFilters}
        end={
          <button type="button" aria-expanded={detailOpen} aria-controls="key-details" onClick={() => (detailOpen ? closeDetail() : setDetailOpen(true))}>
            Details
          </button>
        }
      >
        <QaFilter waiting={!firstPageIn} projectId={project.projectId} targetIsos={preferences.targetIsos} value={qaFilter} onChange={setQaFilter} reloadToken={reloadToken} />
        <QaSettingsButton projectId={project.projectId} projectName={project.name} />
      </KeyToolbar>
    ),
    [facets, languages, preferences, setPreferences, search, filters, detailOpen, closeDetail, firstPageIn, project.projectId, project.name, qaFilter, reloadToken],
  );

  if (problem !== null) return <p role="alert" className="notice notice-error">{problem}</p>;
  if (project.sync.status === 'never' && (keys.total ?? 0) === 0 && search === '') {
    return (
      <div className="project-view-empty">
        <h2>{project.name}</h2>
        <p>This project is not in your offline library yet. Sync it to browse its keys without a network.</p>
        <button type="button" className="primary" onClick={() => void api().sync.start([project.projectId])}>
          Sync {project.name}
        </button>
      </div>
    );
  }
  const notices = searchNotices(debouncedSearch, keys.partial);
  const narrowed = debouncedSearch.trim() !== '' || filters.status !== null || filters.tags.length > 0 || filters.platforms.length > 0 || qaFilter !== null;
  return (
    <div className={`project-view${detailOpen ? ' detail-open' : ''}`}>
      <div className="project-keys">
        {toolbar}
        {keys.problem !== null && <p role="alert" className="notice notice-error">{keys.problem}</p>}
        <KeyGrid
          keys={keys}
          columns={columns}
          widths={widths}
          onResize={setWidth}
          search={debouncedSearch}
          selected={selected?.position ?? null}
          onSelect={onSelect}
          onOpen={onOpen}
          onCopy={onCopy}
          onOpenInLokalise={onOpenInLokalise}
          cellRenderer={cellRenderer}
          viewportHeight={viewportHeight}
        />
        <div className="count-line">
          <output className="match-count" aria-live="polite">
            {keyCountText(keys.total, facets?.keyCounts ?? null, { includeArchived: filters.includeArchived, includeHidden: filters.includeHidden, narrowed })}
          </output>
          {notices.length > 0 && (
            <p className="search-notice" role="status" title={notices.join('. ')}>
              {notices.join('. ')}
            </p>
          )}
        </div>
      </div>
      {detailOpen && (
        <KeyDetailPanel
          projectId={project.projectId}
          keyId={selected?.keyId ?? null}
          languages={languages}
          search={debouncedSearch}
          sourceIso={project.baseLanguageIso}
          editorRequest={editorRequest}
          onClose={closeDetail}
        />
      )}
    </div>
  );
}

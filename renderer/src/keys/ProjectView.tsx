import { useEffect, useMemo, useRef, useState } from 'react';
import type { ProjectFacets, ProjectSummary } from '../../../common/contract';
import type { KeyQaFilter } from '../../../common/contract-qa';
import { api, messageOf } from '../api';
import { useDebounced } from '../shared/use-debounced';
import { KeyDetailPanel } from './KeyDetailPanel';
import { KeyList } from './KeyList';
import { KeyToolbar, noFilters, type KeyFilters } from './KeyToolbar';
import { QaFilter } from './QaFilter';
import { useKeyWindow } from './use-key-window';
import { defaultPreferences, useViewPreferences } from './use-view-preferences';

/** One project's keys: toolbar, virtualized list and detail panel. `/` or Ctrl/Cmd+F focus the search; Esc clears it. */
export function ProjectView({ project, reloadToken, viewportHeight }: { project: ProjectSummary; reloadToken: number; viewportHeight?: number }): React.JSX.Element {
  const [facets, setFacets] = useState<ProjectFacets | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [filters, setFilters] = useState<KeyFilters>(noFilters);
  const [qaFilter, setQaFilter] = useState<KeyQaFilter | null>(null);
  const [selected, setSelected] = useState<{ index: number; keyId: number | null } | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const debouncedSearch = useDebounced(search, 150);
  const languages = facets?.languages ?? project.languages;
  const [preferences, setPreferences] = useViewPreferences(project.projectId, languages, defaultPreferences(languages, project.baseLanguageIso));

  useEffect(() => {
    setFacets(null);
    setProblem(null);
    setSelected(null);
    setSearch('');
    setFilters(noFilters);
    setQaFilter(null);
  }, [project.projectId]);

  // A library change (a sync finished) refreshes the facets but keeps the translator's search, filters and place.
  useEffect(() => {
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
  }, [project.projectId, reloadToken]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement || event.target instanceof HTMLTextAreaElement;
      if ((event.key === '/' && !typing) || (event.key.toLowerCase() === 'f' && (event.ctrlKey || event.metaKey))) {
        event.preventDefault();
        searchBox.current?.focus();
        searchBox.current?.select();
      } else if (event.key === 'Escape' && !typing && document.querySelector('[role="alertdialog"]') === null) {
        // Esc anywhere in the workspace (but not in another field or an open dialog) clears the search.
        setSearch('');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const query = useMemo(
    () =>
      facets === null
        ? null
        : {
            projectId: project.projectId,
            sourceIso: preferences.sourceIso,
            targetIsos: [...preferences.targetIsos],
            search: debouncedSearch.trim(),
            status: filters.status,
            statusIso: filters.statusIso,
            tags: [...filters.tags],
            platforms: [...filters.platforms] as ('ios' | 'android' | 'web' | 'other')[],
            includeArchived: filters.includeArchived,
            includeHidden: filters.includeHidden,
            sort: filters.sort,
            qa: qaFilter,
          },
    [facets, project.projectId, preferences.sourceIso, preferences.targetIsos, debouncedSearch, filters, qaFilter],
  );
  const keys = useKeyWindow(query, reloadToken);
  const querySignature = JSON.stringify(query);
  useEffect(() => setSelected(null), [querySignature]);

  if (problem !== null) return <p role="alert" className="notice notice-error">{problem}</p>;
  if (facets === null) return <p aria-busy="true">Loading {project.name}…</p>;
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
  return (
    <div className="project-view">
      <div className="project-keys">
        <KeyToolbar
          ref={searchBox}
          facets={facets}
          preferences={preferences}
          onPreferences={setPreferences}
          search={search}
          onSearch={setSearch}
          filters={filters}
          onFilters={setFilters}
          total={keys.total}
        >
          <QaFilter projectId={project.projectId} targetIsos={preferences.targetIsos} value={qaFilter} onChange={setQaFilter} reloadToken={reloadToken} />
        </KeyToolbar>
        {keys.problem !== null && <p role="alert" className="notice notice-error">{keys.problem}</p>}
        <KeyList
          keys={keys}
          languages={languages}
          search={debouncedSearch}
          selectedIndex={selected?.index ?? null}
          onSelect={(index, row) => setSelected({ index, keyId: row?.keyId ?? null })}
          viewportHeight={viewportHeight}
        />
      </div>
      <KeyDetailPanel projectId={project.projectId} keyId={selected?.keyId ?? null} languages={languages} search={debouncedSearch} sourceIso={project.baseLanguageIso} />
    </div>
  );
}

import { forwardRef } from 'react';
import type { KeyStatusFilter, Language, ProjectFacets } from '../../../common/contract';
import type { ViewPreferences } from './use-view-preferences';

/** The filters a translator can set, named as Lokalise's editor names them. */
export interface KeyFilters {
  readonly status: KeyStatusFilter | null;
  readonly statusIso: string | null;
  readonly tags: readonly string[];
  readonly platforms: readonly string[];
  readonly includeArchived: boolean;
  readonly includeHidden: boolean;
  readonly sort: 'name' | 'modified';
}

/** No filters. */
export const noFilters: KeyFilters = { status: null, statusIso: null, tags: [], platforms: [], includeArchived: false, includeHidden: false, sort: 'name' };

const statusLabels: Record<KeyStatusFilter, string> = { untranslated: 'Untranslated', unverified: 'Unverified', notReviewed: 'Not reviewed' };

function toggle(list: readonly string[], value: string): string[] {
  return list.includes(value) ? list.filter((entry) => entry !== value) : [...list, value];
}

function Choices({ label, options, chosen, onChange }: { label: string; options: readonly string[]; chosen: readonly string[]; onChange: (next: string[]) => void }): React.JSX.Element {
  return (
    <details className="choices">
      <summary>
        {label}
        {chosen.length > 0 && ` (${chosen.length})`}
      </summary>
      <fieldset>
        <legend className="visually-hidden">{label}</legend>
        {options.length === 0 && <span className="hint">None in this project</span>}
        {options.map((option) => (
          <label key={option}>
            <input type="checkbox" checked={chosen.includes(option)} onChange={() => onChange(toggle(chosen, option))} />
            {option}
          </label>
        ))}
      </fieldset>
    </details>
  );
}

function languageLabel(language: Language): string {
  return `${language.name} (${language.iso})`;
}

/** One option per language, valued by its ISO code. */
function LanguageOptions({ languages }: { languages: readonly Language[] }): React.JSX.Element {
  return (
    <>
      {languages.map((language) => (
        <option key={language.iso} value={language.iso}>
          {languageLabel(language)}
        </option>
      ))}
    </>
  );
}

/** Languages, search and filters above the key list. */
export const KeyToolbar = forwardRef<
  HTMLInputElement,
  {
    facets: ProjectFacets;
    preferences: ViewPreferences;
    onPreferences: (next: ViewPreferences) => void;
    search: string;
    onSearch: (text: string) => void;
    filters: KeyFilters;
    onFilters: (next: KeyFilters) => void;
    total: number | null;
    /** Filters that live in components of their own (the QA filter), shown after the status filter. */
    children?: React.ReactNode;
  }
>(function KeyToolbar({ facets, preferences, onPreferences, search, onSearch, filters, onFilters, total, children }, searchBox) {
  const targets = facets.languages.filter((language) => language.iso !== preferences.sourceIso);
  return (
    <div className="toolbar">
      <div className="toolbar-row">
        <input
          ref={searchBox}
          type="search"
          role="searchbox"
          aria-label="Search keys"
          placeholder="Search keys and translations (/ or Ctrl+F)"
          value={search}
          onChange={(event) => onSearch(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') onSearch('');
          }}
        />
        <output className="match-count" aria-live="polite">
          {total === null ? 'Loading…' : `${total.toLocaleString()} ${total === 1 ? 'key' : 'keys'}`}
        </output>
      </div>
      <div className="toolbar-row">
        <label>
          Source
          <select value={preferences.sourceIso} onChange={(event) => onPreferences({ sourceIso: event.target.value, targetIsos: preferences.targetIsos.filter((iso) => iso !== event.target.value) })}>
            <LanguageOptions languages={facets.languages} />
          </select>
        </label>
        <Choices
          label="Targets"
          options={targets.map((language) => language.iso)}
          chosen={preferences.targetIsos}
          onChange={(next) => onPreferences({ ...preferences, targetIsos: next.slice(0, 6) })}
        />
        <label>
          Show
          <select
            aria-label="Status filter"
            value={filters.status ?? ''}
            onChange={(event) => onFilters({ ...filters, status: event.target.value === '' ? null : (event.target.value as KeyStatusFilter) })}
          >
            <option value="">All keys</option>
            {Object.entries(statusLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {filters.status !== null && (
          <label>
            in
            <select aria-label="Status language" value={filters.statusIso ?? ''} onChange={(event) => onFilters({ ...filters, statusIso: event.target.value === '' ? null : event.target.value })}>
              <option value="">any target language</option>
              <LanguageOptions languages={facets.languages} />
            </select>
          </label>
        )}
        {children}
        <Choices label="Tags" options={facets.tags} chosen={filters.tags} onChange={(next) => onFilters({ ...filters, tags: next })} />
        <Choices label="Platforms" options={facets.platforms} chosen={filters.platforms} onChange={(next) => onFilters({ ...filters, platforms: next })} />
        <label className="check">
          <input type="checkbox" checked={filters.includeArchived} onChange={(event) => onFilters({ ...filters, includeArchived: event.target.checked })} />
          Show archived
        </label>
        <label className="check">
          <input type="checkbox" checked={filters.includeHidden} onChange={(event) => onFilters({ ...filters, includeHidden: event.target.checked })} />
          Show hidden
        </label>
        <label>
          Sort
          <select value={filters.sort} onChange={(event) => onFilters({ ...filters, sort: event.target.value === 'modified' ? 'modified' : 'name' })}>
            <option value="name">By name</option>
            <option value="modified">Recently modified</option>
          </select>
        </label>
      </div>
    </div>
  );
});

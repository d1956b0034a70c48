import { forwardRef } from 'react';
import type { KeyStatusFilter, Language, ProjectFacets } from '../../../common/contract';
import { progressLabel } from './grid/GridHeader';
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

/** How many target columns the grid shows at most (the key query's own limit). */
export const maximumTargets = 6;

const statusLabels: Record<KeyStatusFilter, string> = { untranslated: 'Untranslated', unverified: 'Unverified', notReviewed: 'Not reviewed' };

function toggle(list: readonly string[], value: string): string[] {
  return list.includes(value) ? list.filter((entry) => entry !== value) : [...list, value];
}

function Choices({ label, options, chosen, onChange }: { label: string; options: readonly string[]; chosen: readonly string[]; onChange: (next: string[]) => void }): React.JSX.Element {
  return (
    <fieldset className="menu-group">
      <legend>{label}</legend>
      {options.length === 0 && <span className="hint">None in this project</span>}
      {options.map((option) => (
        <label key={option} className="check">
          <input type="checkbox" checked={chosen.includes(option)} onChange={() => onChange(toggle(chosen, option))} />
          {option}
        </label>
      ))}
    </fieldset>
  );
}

/** A language as the pickers name it: `Arabic (ar)`. */
export function languageLabel(language: Language): string {
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

/** The source language and the target columns, by name, code and labelled progress. */
function LanguageMenu({ facets, preferences, onPreferences }: { facets: ProjectFacets; preferences: ViewPreferences; onPreferences: (next: ViewPreferences) => void }): React.JSX.Element {
  const targets = facets.languages.filter((language) => language.iso !== preferences.sourceIso);
  const full = preferences.targetIsos.length >= maximumTargets;
  return (
    <details className="menu">
      <summary>Languages ({preferences.targetIsos.length})</summary>
      <div className="menu-panel">
        <label>
          Source
          <select
            value={preferences.sourceIso}
            onChange={(event) => onPreferences({ sourceIso: event.target.value, targetIsos: preferences.targetIsos.filter((iso) => iso !== event.target.value) })}
          >
            <LanguageOptions languages={facets.languages} />
          </select>
        </label>
        <fieldset className="menu-group">
          <legend>Target columns{full ? ` (at most ${maximumTargets})` : ''}</legend>
          {targets.map((language) => {
            const chosen = preferences.targetIsos.includes(language.iso);
            return (
              <label key={language.iso} className="check language-choice">
                <input
                  type="checkbox"
                  checked={chosen}
                  disabled={!chosen && full}
                  onChange={() => onPreferences({ ...preferences, targetIsos: toggle(preferences.targetIsos, language.iso) })}
                />
                <span>{languageLabel(language)}</span>
                <span className="hint">{progressLabel(language.progress)}</span>
              </label>
            );
          })}
        </fieldset>
      </div>
    </details>
  );
}

/**
 * Search, languages and filters above the grid, in one row: the everyday controls in view, the rest in the "More"
 * menu. `children` adds controls (a QA filter, say) before the menu without this file knowing them.
 */
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
    children?: React.ReactNode;
    /** Controls at the row's end (the details toggle). */
    end?: React.ReactNode;
  }
>(function KeyToolbar({ facets, preferences, onPreferences, search, onSearch, filters, onFilters, children, end }, searchBox) {
  const moreCount = (filters.statusIso === null ? 0 : 1) + filters.tags.length + filters.platforms.length + (filters.includeArchived ? 1 : 0) + (filters.includeHidden ? 1 : 0) + (filters.sort === 'name' ? 0 : 1);
  return (
    <div className="toolbar" role="toolbar" aria-label="Keys toolbar">
      <input
        ref={searchBox}
        type="search"
        role="searchbox"
        aria-label="Search keys"
        placeholder="Search keys and translations (Ctrl+F)"
        value={search}
        onChange={(event) => onSearch(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onSearch('');
        }}
      />
      <LanguageMenu facets={facets} preferences={preferences} onPreferences={onPreferences} />
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
      {children}
      <details className="menu menu-end">
        <summary>More{moreCount > 0 ? ` (${moreCount})` : ''}</summary>
        <div className="menu-panel">
          <label>
            Status in
            <select aria-label="Status language" value={filters.statusIso ?? ''} onChange={(event) => onFilters({ ...filters, statusIso: event.target.value === '' ? null : event.target.value })}>
              <option value="">any target language</option>
              <LanguageOptions languages={facets.languages} />
            </select>
          </label>
          <label>
            Sort
            <select value={filters.sort} onChange={(event) => onFilters({ ...filters, sort: event.target.value === 'modified' ? 'modified' : 'name' })}>
              <option value="name">By name</option>
              <option value="modified">Recently modified</option>
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={filters.includeArchived} onChange={(event) => onFilters({ ...filters, includeArchived: event.target.checked })} />
            Show archived
          </label>
          <label className="check">
            <input type="checkbox" checked={filters.includeHidden} onChange={(event) => onFilters({ ...filters, includeHidden: event.target.checked })} />
            Show hidden
          </label>
          <Choices label="Tags" options={facets.tags} chosen={filters.tags} onChange={(next) => onFilters({ ...filters, tags: next })} />
          <Choices label="Platforms" options={facets.platforms} chosen={filters.platforms} onChange={(next) => onFilters({ ...filters, platforms: next })} />
        </div>
      </details>
      {end}
    </div>
  );
});

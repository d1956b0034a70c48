/**
 * The grid's columns: the key name, the source language and each chosen target, with the widths the translator
 * dragged them to, remembered per project. A column without a remembered width shares the free space.
 */
import { useCallback, useMemo, useState } from 'react';
import type { Language } from '../../../../common/contract';

/** One column of the grid. `iso` is null for the key-name column. */
export interface GridColumn {
  readonly id: string;
  readonly kind: 'key' | 'source' | 'target';
  readonly iso: string | null;
  readonly language: Language | undefined;
  readonly label: string;
}

/** Narrowest a column may be dragged, and the widths a column starts from. */
export const minimumColumnWidth = 120;
export const defaultKeyColumnWidth = 220;
const flexibleMinimum = 160;

/** The columns for a source and targets, in the order shown. */
export function gridColumns(sourceIso: string, targetIsos: readonly string[], languages: readonly Language[]): GridColumn[] {
  const byIso = new Map(languages.map((language) => [language.iso, language]));
  const language = (iso: string): GridColumn => {
    const found = byIso.get(iso);
    return { id: iso, kind: iso === sourceIso ? 'source' : 'target', iso, language: found, label: found?.name ?? iso };
  };
  return [{ id: 'key', kind: 'key', iso: null, language: undefined, label: 'Key' }, language(sourceIso), ...targetIsos.map(language)];
}

/** The CSS `grid-template-columns` for `columns` with the remembered `widths` (px); the rest share the space. */
export function gridTemplate(columns: readonly GridColumn[], widths: Readonly<Record<string, number>>): string {
  return columns
    .map((column) => {
      const width = widths[column.id] ?? (column.kind === 'key' ? defaultKeyColumnWidth : undefined);
      return width === undefined ? `minmax(${flexibleMinimum}px, 1fr)` : `${width}px`;
    })
    .join(' ');
}

/** The least width the columns need, so the grid scrolls sideways instead of squeezing them. */
export function gridMinimumWidth(columns: readonly GridColumn[], widths: Readonly<Record<string, number>>): number {
  return columns.reduce((sum, column) => sum + (widths[column.id] ?? (column.kind === 'key' ? defaultKeyColumnWidth : flexibleMinimum)), 0);
}

const storageKey = (projectId: string): string => `locdesk.columns.${projectId}`;

function readWidths(projectId: string): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey(projectId)) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] >= minimumColumnWidth));
  } catch {
    return {};
  }
}

/** The column widths of `projectId` (localStorage) and a way to set one; a width below the minimum is raised to it. */
export function useColumnWidths(projectId: string): [Readonly<Record<string, number>>, (columnId: string, width: number) => void] {
  const [state, setState] = useState(() => ({ projectId, widths: readWidths(projectId) }));
  const widths = useMemo(() => (state.projectId === projectId ? state.widths : readWidths(projectId)), [state, projectId]);
  const setWidth = useCallback(
    (columnId: string, width: number) => {
      setState((current) => {
        const base = current.projectId === projectId ? current.widths : readWidths(projectId);
        const next = { ...base, [columnId]: Math.max(minimumColumnWidth, Math.round(width)) };
        localStorage.setItem(storageKey(projectId), JSON.stringify(next));
        return { projectId, widths: next };
      });
    },
    [projectId],
  );
  return [widths, setWidth];
}

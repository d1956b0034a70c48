/**
 * QA findings of the edits about to be pushed, for the push summary (issue 20 part 3: warnings are listed there).
 * The checks need each edit's source text, which lives in the offline library, so the key details are read for the
 * first `maximumKeys` edited keys (a push summary is read by a person; beyond that it says how many were not checked).
 * Each project's own QA settings apply, as they do in main's gate before the push (main/core/edits/qa-gate.ts).
 */
import { useEffect, useState } from 'react';
import type { Edit, ProjectSummary } from '../../../common/contract';
import { checkTranslation, defaultQaSettings, type QaIssue, type QaSettings } from '../../../common/qa';
import { api } from '../api';
import { cellValue } from './edit-value';

/** How many keys the summary checks at most. */
export const maximumKeys = 200;

/** One edit's findings. */
export interface EditFindings {
  readonly edit: Edit;
  readonly issues: readonly QaIssue[];
}

/** The findings (only edits with at least one issue), and how many edits were not checked; null while working. */
export function usePendingChecks(edits: readonly Edit[] | null, projects: readonly ProjectSummary[]): { findings: EditFindings[]; unchecked: number } | null {
  const [result, setResult] = useState<{ findings: EditFindings[]; unchecked: number } | null>(null);
  useEffect(() => {
    setResult(null);
    if (edits === null) return;
    let live = true;
    const keys = [...new Map(edits.map((edit) => [`${edit.projectId}/${edit.keyId}`, edit])).values()].slice(0, maximumKeys);
    const checkedKeys = new Set(keys.map((edit) => `${edit.projectId}/${edit.keyId}`));
    const projectIds = [...new Set(edits.map((edit) => edit.projectId))];
    const settingsRead = Promise.all(projectIds.map((projectId) => api().qa.settings(projectId).then((settings) => [projectId, settings] as const, () => [projectId, defaultQaSettings()] as const)));
    const detailsRead = Promise.all(keys.map((edit) => api().keys.detail(edit.projectId, edit.keyId).then((detail) => [`${edit.projectId}/${edit.keyId}`, detail] as const, () => [`${edit.projectId}/${edit.keyId}`, null] as const)));
    void Promise.all([detailsRead, settingsRead]).then(([details, settingsList]) => {
      if (!live) return;
      const byKey = new Map(details);
      const settingsOf = new Map<string, QaSettings>(settingsList);
      const findings: EditFindings[] = [];
      let unchecked = 0;
      for (const edit of edits) {
        const detail = byKey.get(`${edit.projectId}/${edit.keyId}`) ?? null;
        const project = projects.find((candidate) => candidate.projectId === edit.projectId);
        const sourceIso = project?.baseLanguageIso ?? null;
        const sourceCell = detail?.translations.find((cell) => cell.languageIso === sourceIso);
        if (!checkedKeys.has(`${edit.projectId}/${edit.keyId}`) || detail === null || sourceIso === null || sourceCell === undefined) {
          unchecked += 1;
          continue;
        }
        if (sourceIso === edit.languageIso) continue;
        const language = project?.languages.find((candidate) => candidate.iso === edit.languageIso);
        const issues = checkTranslation({
          sourceLanguage: sourceIso,
          targetLanguage: edit.languageIso,
          source: cellValue(sourceCell, detail.isPlural),
          target: edit.isPlural ? (edit.pluralForms ?? {}) : edit.value,
          isPlural: edit.isPlural,
          charLimit: detail.charLimit,
          ...(language !== undefined && language.pluralForms.length > 0 ? { targetPluralForms: language.pluralForms } : {}),
        }, settingsOf.get(edit.projectId) ?? defaultQaSettings());
        if (issues.length > 0) findings.push({ edit, issues });
      }
      setResult({ findings, unchecked });
    });
    return () => {
      live = false;
    };
  }, [edits, projects]);
  return result;
}

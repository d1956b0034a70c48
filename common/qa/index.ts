/**
 * Offline QA checks for translations (issue 20): pure, synchronous and runtime-neutral, so the renderer (inline, per
 * keystroke), main (before a push) and a worker (a whole project after a sync) all run the same code. Start with
 * `checkTranslation`; `QA_CHECKS` and `QaSettingsSchema` are what a settings screen and the store need.
 */
export { checkTranslation } from './check-translation';
export { QA_CHECKS, QaLevelSchema, QaSettingsSchema, blocksPush, defaultQaSettings, readQaSettings } from './settings';
export type { QaCheckInfo, QaLevel, QaSettings } from './settings';
export { QA_CHECK_IDS, QaCheckIdSchema, QaIssueSchema, QaRangeSchema, QaSeveritySchema } from './types';
export type { QaCheckId, QaInput, QaIssue, QaRange, QaSeverity, QaText } from './types';
export { toLanguageTag } from './language';
export { countCharacters } from './text/characters';

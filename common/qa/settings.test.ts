/** Settings are stored and sent over IPC: they must always load, and say what every check does. */
import { describe, expect, it } from 'vitest';
import { QA_CHECKS, QaSettingsSchema, blocksPush, defaultQaSettings, readQaSettings } from './settings';
import { QA_CHECK_IDS, type QaIssue } from './types';

describe('QA settings', () => {
  it('describe every check exactly once', () => {
    expect(QA_CHECKS.map((check) => check.id)).toEqual([...QA_CHECK_IDS]);
    for (const check of QA_CHECKS) expect(check.description.length).toBeGreaterThan(20);
  });

  it('default to each check at its default severity', () => {
    const settings = defaultQaSettings();
    expect(settings.checks.placeholders).toBe('error');
    expect(settings.checks.doubleSpace).toBe('warning');
    expect(QaSettingsSchema.parse({ checks: {} })).toEqual(settings);
  });

  it('load settings from another version: unknown checks dropped, missing and unreadable ones at their defaults', () => {
    const settings = readQaSettings({ checks: { placeholders: 'warning', retiredCheck: 'off', numbers: 'loud' } });
    expect(settings.checks.placeholders).toBe('warning');
    expect(settings.checks.numbers).toBe('warning');
    expect('retiredCheck' in settings.checks).toBe(false);
    expect(readQaSettings('garbage')).toEqual(defaultQaSettings());
    expect(readQaSettings({ checks: null })).toEqual(defaultQaSettings());
  });

  it('survive a JSON round trip', () => {
    const settings = readQaSettings({ checks: { urls: 'off', emptyTarget: 'error' } });
    expect(readQaSettings(JSON.parse(JSON.stringify(settings)))).toEqual(settings);
  });

  it('hold a push back only for errors', () => {
    const issue = (severity: 'error' | 'warning'): QaIssue => ({ checkId: 'numbers', severity, message: 'm', token: null, form: null, range: null });
    expect(blocksPush([])).toBe(false);
    expect(blocksPush([issue('warning')])).toBe(false);
    expect(blocksPush([issue('warning'), issue('error')])).toBe(true);
  });
});

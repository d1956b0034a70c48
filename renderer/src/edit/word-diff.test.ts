import { describe, expect, it } from 'vitest';
import { diffWords } from './word-diff';

const show = (parts: ReturnType<typeof diffWords>): string => parts.map((part) => (part.kind === 'same' ? part.text : part.kind === 'added' ? `[+${part.text}]` : `[-${part.text}]`)).join('');

describe('diffWords', () => {
  it('marks a replaced word, keeping the rest', () => {
    expect(show(diffWords('Save the file now', 'Save the document now'))).toBe('Save the [-file][+document] now');
  });

  it('marks added and removed words at the edges', () => {
    expect(show(diffWords('Open file', 'Please open file'))).toBe('[-Open ][+Please open ]file');
    expect(show(diffWords('Delete all files', 'Delete files'))).toBe('Delete [-all ]files');
  });

  it('compares Japanese by words, not as one long run', () => {
    const parts = diffWords('ファイルを保存します', 'ファイルを削除します', 'ja');
    expect(parts.some((part) => part.kind === 'same' && part.text.includes('ファイル'))).toBe(true);
    expect(parts.filter((part) => part.kind !== 'same').map((part) => part.text).join('')).not.toContain('ファイル');
  });

  it('answers nothing changed for equal texts, and whole replacement for empty ones', () => {
    expect(diffWords('Same', 'Same')).toEqual([{ kind: 'same', text: 'Same' }]);
    expect(diffWords('', 'New')).toEqual([{ kind: 'added', text: 'New' }]);
    expect(diffWords('Old', '')).toEqual([{ kind: 'removed', text: 'Old' }]);
  });

  it('joins back to each side', () => {
    const parts = diffWords('Der schnelle Fuchs springt', 'Der kleine Fuchs läuft schnell');
    expect(parts.filter((part) => part.kind !== 'added').map((part) => part.text).join('')).toBe('Der schnelle Fuchs springt');
    expect(parts.filter((part) => part.kind !== 'removed').map((part) => part.text).join('')).toBe('Der kleine Fuchs läuft schnell');
  });
});

/**
 * The editor's draft and when it is committed. A commit saves the edit durably on this computer (`edits.commit`
 * answers only once it is on disk); it happens on blur, on Enter, after `idleMs` without typing, when a flag is
 * toggled, and when the editor goes away with text not yet committed (choosing another key must never lose typing).
 * Escape puts back the last committed value. A failed commit keeps the draft on screen, says why, and is tried
 * again at the next commit moment: the text is never dropped.
 *
 * Commits are sent one after another, so a slow answer can never let an older value overtake a newer one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Edit } from '../../../common/contract';
import { api, messageOf } from '../api';
import { sameValue, type DraftValue } from './edit-value';

/** Translation flags the translator may set. */
export interface EditFlags {
  readonly isReviewed: boolean;
  readonly isUnverified: boolean;
}

/** Where the draft stands: `saved` (nothing uncommitted), `dirty` (typed, not yet committed), `saving`, `failed`. */
export type DraftStatus = 'saved' | 'dirty' | 'saving' | 'failed';

export interface DraftTarget {
  readonly projectId: string;
  readonly keyId: number;
  readonly languageIso: string;
}

export interface EditDraft {
  readonly draft: DraftValue;
  readonly flags: EditFlags;
  readonly status: DraftStatus;
  /** Why the last commit failed; null otherwise. */
  readonly problem: string | null;
  readonly change: (value: DraftValue) => void;
  readonly setFlag: (flag: keyof EditFlags, value: boolean) => void;
  /** Commits now when something changed since the last commit. */
  readonly commit: () => void;
  /** Escape: back to the last committed value. */
  readonly cancel: () => void;
}

/** How long typing may pause before the draft is committed. */
export const idleCommitMs = 1000;

/** The draft of one translation (see the module note); `initial` and `initialFlags` come from the cell. */
export function useEditDraft(target: DraftTarget, initial: DraftValue, initialFlags: EditFlags, touchedFlags: ReadonlySet<keyof EditFlags>, onCommitted?: (edit: Edit) => void): EditDraft {
  const [draft, setDraft] = useState<DraftValue>(initial);
  const [flags, setFlags] = useState<EditFlags>(initialFlags);
  const [status, setStatus] = useState<DraftStatus>('saved');
  const [problem, setProblem] = useState<string | null>(null);
  const saved = useRef<{ value: DraftValue; flags: EditFlags }>({ value: initial, flags: initialFlags });
  const current = useRef<{ value: DraftValue; flags: EditFlags }>({ value: initial, flags: initialFlags });
  const touched = useRef(new Set(touchedFlags));
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const live = useRef(true);
  const targetRef = useRef(target);
  targetRef.current = target;
  const committedListener = useRef(onCommitted);
  committedListener.current = onCommitted;

  const stopTimer = (): void => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };

  const isDirty = (): boolean => !sameValue(current.current.value, saved.current.value) || current.current.flags.isReviewed !== saved.current.flags.isReviewed || current.current.flags.isUnverified !== saved.current.flags.isUnverified;

  const send = useCallback((): void => {
    stopTimer();
    if (!isDirty()) return;
    const sending = current.current;
    const { projectId, keyId, languageIso } = targetRef.current;
    if (live.current) setStatus('saving');
    chain.current = chain.current
      .catch(() => undefined)
      .then(() =>
        api().edits.commit({
          projectId,
          keyId,
          languageIso,
          value: sending.value,
          ...(touched.current.has('isReviewed') ? { isReviewed: sending.flags.isReviewed } : {}),
          ...(touched.current.has('isUnverified') ? { isUnverified: sending.flags.isUnverified } : {}),
        }),
      )
      .then(
        (edit) => {
          saved.current = sending;
          committedListener.current?.(edit);
          if (!live.current) return;
          setProblem(null);
          setStatus(isDirty() ? 'dirty' : 'saved');
        },
        (error: unknown) => {
          if (!live.current) return;
          setProblem(messageOf(error));
          setStatus('failed');
        },
      );
  }, []);

  const change = useCallback(
    (value: DraftValue): void => {
      current.current = { ...current.current, value };
      setDraft(value);
      setStatus(isDirty() ? 'dirty' : 'saved');
      stopTimer();
      timer.current = setTimeout(send, idleCommitMs);
    },
    [send],
  );

  const setFlag = useCallback(
    (flag: keyof EditFlags, value: boolean): void => {
      touched.current.add(flag);
      const next = { ...current.current.flags, [flag]: value };
      current.current = { ...current.current, flags: next };
      setFlags(next);
      send();
    },
    [send],
  );

  const cancel = useCallback((): void => {
    stopTimer();
    current.current = saved.current;
    setDraft(saved.current.value);
    setFlags(saved.current.flags);
    setStatus('saved');
  }, []);

  // A newer value from outside (a push, a resync, another window) replaces the draft only when nothing is uncommitted.
  const initialKey = JSON.stringify([initial, initialFlags]);
  useEffect(() => {
    const [value, incomingFlags] = JSON.parse(initialKey) as [DraftValue, EditFlags];
    if (isDirty()) return;
    saved.current = { value, flags: incomingFlags };
    current.current = saved.current;
    setDraft(value);
    setFlags(incomingFlags);
  }, [initialKey]);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
      send();
    };
  }, [send]);

  return { draft, flags, status, problem, change, setFlag, commit: send, cancel };
}

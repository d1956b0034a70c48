/**
 * The outbox as the renderer follows it: the counts behind the push bar, where a push stands, and lists of edits,
 * each read once and kept current from `edits.onChanged` / `edits.onPushProgress`.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Edit, EditState, EditSummary, PushStatus } from '../../../common/contract';
import { api } from '../api';
import { useCoreValue, type CoreValueSource } from '../shared/use-core-value';

const pushProgress: CoreValueSource<PushStatus> = {
  read: () => api().edits.pushStatus(),
  follow: (listener) => api().edits.onPushProgress(listener),
};

/** Where the push stands; null until first answered. */
export function usePushStatus(): PushStatus | null {
  return useCoreValue(pushProgress);
}

/**
 * Something read again whenever the outbox changes. A change during a read starts another read once it is done,
 * so the last answer always reflects the last change, and a burst of changes (a push of 1,000 edits) costs at most
 * two reads at a time, never one per event.
 */
function useOutboxRead<T>(read: (() => Promise<T>) | null): { value: T | null; reload: () => void } {
  const [value, setValue] = useState<T | null>(null);
  const [serial, setSerial] = useState(0);
  const reload = useCallback(() => setSerial((previous) => previous + 1), []);
  useEffect(() => api().edits.onChanged(() => reload()), [reload]);
  useEffect(() => {
    if (read === null) {
      setValue(null);
      return;
    }
    let live = true;
    read().then(
      (answer) => {
        if (live) setValue(answer);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [read, serial]);
  return { value, reload };
}

/** The outbox counts for `projectId` (and overall); null until answered. */
export function useEditSummary(projectId: string | null): EditSummary | null {
  const read = useCallback(() => api().edits.summary(projectId), [projectId]);
  return useOutboxRead(read).value;
}

/** The edits of a project (null: every project) in the given states, kept current; null until answered. */
export function useEditList(projectId: string | null, states: readonly EditState[], enabled = true): { edits: Edit[] | null; reload: () => void } {
  const signature = states.join(',');
  const read = useCallback(
    () => api().edits.list(projectId, { states: signature === '' ? [] : (signature.split(',') as EditState[]), limit: 5000 }),
    [projectId, signature],
  );
  const { value, reload } = useOutboxRead(enabled ? read : null);
  return { edits: value, reload };
}

import { useCallback, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { getToken } from '@/lib/auth-token';
import { dismissRefused, onQueueChange, queued, refused, tokenOwner, type QueuedRecord, type RefusedRecord } from '../lib/offline-store';
import { syncNow } from '../lib/offline-runtime';

/** The records waiting on this phone (optionally of one activity) and those the server refused; live across tabs. */
export function useOfflineQueue(activityId?: string) {
  const qc = useQueryClient();
  const [pending, setPending] = useState<QueuedRecord[]>([]);
  const [refusedList, setRefused] = useState<RefusedRecord[]>([]);
  const [syncing, setSyncing] = useState(false);

  const reload = useCallback(async () => {
    const [q, r] = await Promise.all([queued(), refused()]);
    const me = tokenOwner(getToken());
    const mine = <T extends { activityId: string; owner: string | null }>(x: T) => (!activityId || x.activityId === activityId) && (!x.owner || !me || x.owner === me);
    setPending(q.filter(mine));
    setRefused(r.filter(mine));
  }, [activityId]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- reload sets state only after awaiting IndexedDB (an external system), never synchronously
    void reload();
    return onQueueChange(() => {
      void reload();
      void qc.invalidateQueries({ queryKey: ['me', 'record'] });
    });
  }, [reload, qc]);

  const sync = useCallback(async () => {
    setSyncing(true);
    try {
      await syncNow();
    } finally {
      setSyncing(false);
      void reload();
    }
  }, [reload]);

  return { pending, refused: refusedList, syncing, sync, dismiss: (id: string) => dismissRefused(id) };
}

import { useCallback, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { dismissRefused, onQueueChange, queued, refused, type QueuedRecord, type RefusedRecord } from '../lib/offline-store';
import { syncNow } from '../lib/offline-runtime';

/** The records waiting on this phone (optionally of one activity) and those the server refused; live across tabs. */
export function useOfflineQueue(activityId?: string) {
  const qc = useQueryClient();
  const [pending, setPending] = useState<QueuedRecord[]>([]);
  const [refusedList, setRefused] = useState<RefusedRecord[]>([]);
  const [syncing, setSyncing] = useState(false);

  const reload = useCallback(async () => {
    const [q, r] = await Promise.all([queued(), refused()]);
    setPending(activityId ? q.filter((x) => x.activityId === activityId) : q);
    setRefused(activityId ? r.filter((x) => x.activityId === activityId) : r);
  }, [activityId]);

  useEffect(() => {
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

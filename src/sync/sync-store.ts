/**
 * What the sync indicator shows: network state, last successful exchange with
 * the server, and the current error. The last sync time survives reloads.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { CodedError } from '../schema/index.js';

/** A long sync under way: how far it is, for the indicator (see progress.ts). */
export interface SyncProgress {
  /** 'sending': the outbox to the server; 'receiving': the server's records to this tablet. */
  direction: 'sending' | 'receiving';
  done: number;
  total: number;
  startedAt: number;
}

export interface SyncStatus {
  online: boolean;
  lastSyncedAt: number | null;
  error: CodedError | null;
  /** The server needs a newer app (HTTP 426): sync waits for the update. */
  outdated: boolean;
  /** Usernames whose changes wait until they sign in again on this tablet. */
  held: string[];
  /** Set while a long sync runs (a first sync, an offline backlog); null otherwise. */
  progress: SyncProgress | null;
  setProgress: (progress: SyncProgress | null) => void;
  markSynced: () => void;
  setHeld: (usernames: string[]) => void;
  markFailed: (error: CodedError) => void;
  setOnline: (online: boolean) => void;
}

export const useSyncStatus = create<SyncStatus>()(
  persist(
    (set) => ({
      online: typeof navigator === 'undefined' ? true : navigator.onLine,
      lastSyncedAt: null,
      error: null,
      outdated: false,
      held: [],
      progress: null,
      // Progress means the server answers: an error from before (not signed in yet) is over.
      setProgress: (progress) => set(progress ? { progress, error: null } : { progress }),
      setHeld: (usernames) =>
        set((state) =>
          state.held.join('\n') === [...usernames].sort().join('\n')
            ? state
            : { held: [...usernames].sort() },
        ),
      markSynced: () => set({ lastSyncedAt: Date.now(), error: null, outdated: false }),
      markFailed: (error) => set({ error, outdated: error.code === 'PROTOCOL_OUTDATED' }),
      setOnline: (online) => set({ online }),
    }),
    {
      name: 'service-lane.sync',
      partialize: (state) => ({ lastSyncedAt: state.lastSyncedAt }),
      // Outside a browser (the sync code under test in Node) there is nothing to persist to.
      storage: createJSONStorage(() => globalThis.localStorage ?? memoryStorage()),
    },
  ),
);

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

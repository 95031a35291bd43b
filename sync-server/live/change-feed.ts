import type { CollectionName, SyncCheckpoint } from '../../src/schema/index.js';
import type { StoredDocument } from '../database/document-store.js';

/**
 * Fans committed writes out to the live streams of this process. In memory
 * for the single SQLite server; a PostgreSQL deployment will publish through
 * LISTEN/NOTIFY behind the same interface so every instance hears every write.
 */
export interface ChangeEvent {
  documents: StoredDocument[];
  checkpoint: SyncCheckpoint;
}

export type ChangeListener = (event: ChangeEvent) => void;

export interface ChangeFeed {
  publish(collection: CollectionName, event: ChangeEvent): void;
  /** Returns the function that unsubscribes. */
  subscribe(collection: CollectionName, listener: ChangeListener): () => void;
}

export function createInMemoryChangeFeed(): ChangeFeed {
  const listeners = new Map<CollectionName, Set<ChangeListener>>();
  return {
    publish(collection, event) {
      for (const listener of listeners.get(collection) ?? []) listener(event);
    },
    subscribe(collection, listener) {
      const set = listeners.get(collection) ?? new Set<ChangeListener>();
      listeners.set(collection, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}

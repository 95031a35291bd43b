/**
 * What a tablet's replication did, for a failure report: each state it
 * took in from the server, each it sent, each conflict it settled and each
 * error, newest last. Kept in the tablet process, bounded.
 */
import type { SyncController } from '../../../../src/sync/replication.js';

export interface SyncEvent {
  at: number;
  kind: 'received' | 'sent' | 'conflict' | 'error';
  collection: string;
  id: string;
  state: string;
}

const KEPT = 2_000;

export class SyncJournal {
  private events: SyncEvent[] = [];

  private add(event: SyncEvent): void {
    this.events.push(event);
    if (this.events.length > KEPT) this.events = this.events.slice(-KEPT / 2);
  }

  /** Follows a started sync until it stops. */
  follow(sync: SyncController): void {
    sync.journal.subscribe(({ kind, collection, document, error }) => {
      if (kind === 'error') {
        const text =
          error instanceof Error ? `${error.name}: ${error.message}` : JSON.stringify(error);
        // The faults make requests fail all the time; only other errors tell a story.
        if (text.includes('fetch failed')) return;
        this.add({ at: Date.now(), kind, collection, id: '', state: text.slice(0, 600) });
        return;
      }
      const record = (document ?? {}) as { id?: string };
      this.add({
        at: Date.now(),
        kind,
        collection,
        id: String(record.id),
        state: JSON.stringify(record),
      });
    });
  }

  about(id: string): SyncEvent[] {
    return this.events.filter((event) => event.id === id || event.kind === 'error');
  }
}

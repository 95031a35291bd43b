/**
 * What a tablet's replication did, for a failure report: each state it
 * took in from the server, each it sent, each conflict it settled and each
 * error, newest last. Kept in the tablet process, bounded.
 */
import type { SyncController } from '../../../../src/features/sync/replication.js';
import { COLLECTION_NAMES } from '../../../../src/schema/index.js';

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
    sync.states.forEach((state, index) => {
      const collection = COLLECTION_NAMES[index] ?? `collection ${index}`;
      const note = (kind: SyncEvent['kind'], document: unknown) => {
        const record = document as { id?: string; updatedBy?: string; updatedAt?: number };
        const state = Object.fromEntries(
          Object.entries(record).filter(([key]) => key !== '_meta' && key !== '_rev'),
        );
        this.add({
          at: Date.now(),
          kind,
          collection,
          id: String(record.id),
          state: JSON.stringify(state),
        });
      };
      state.received$.subscribe((document) => note('received', document));
      state.sent$.subscribe((document) => note('sent', document));
      state.conflict$?.subscribe((conflict) => note('conflict', conflict));
      state.error$.subscribe((error) => {
        const text = JSON.stringify(error);
        // The faults make requests fail all the time; only other errors tell a story.
        if (text.includes('fetch failed')) return;
        this.add({ at: Date.now(), kind: 'error', collection, id: '', state: text.slice(0, 600) });
      });
    });
  }

  about(id: string): SyncEvent[] {
    return this.events.filter((event) => event.id === id || event.kind === 'error');
  }
}

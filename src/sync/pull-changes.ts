/**
 * Pull: every collection's changes after the tablet's checkpoint, in the
 * site's sequence, in pages, the next page fetched while the last is
 * stored. A record with a mutation still in the outbox keeps its local
 * state: the push of that mutation meets the server's state as a conflict
 * and merges, so an older server state never hides an edit made on this
 * tablet. A page, the outbox read that decides this and the checkpoint
 * after it are one IndexedDB transaction (lane-storage.ts).
 */
import {
  COLLECTION_NAMES,
  SYNC_LIMITS,
  isCollectionName,
  sameContent,
  type ChangesPullResponse,
  type SyncCheckpoint,
} from '../schema/index.js';
import type { RxCollection } from 'rxdb';
import type { LaneDatabase } from '../db/create-database.js';
import { recordFieldsOf, storageOf, transact, type LaneTransaction } from '../db/lane-storage.js';
import type { RecordSet } from '../db/record-sets.js';
import { pendingAmong, storedForm } from '../db/outbox.js';
import { withWriteLock } from '../db/write-lock.js';
import type { SyncClient } from './sync-http.js';
import type { SyncJournalEvent } from './sync-journal.js';

export const PULL_BATCH_SIZE = SYNC_LIMITS.maxPullLimit;

type WireRecord = { id: string; _deleted: boolean } & Record<string, unknown>;

/** The checkpoint in the store's bookkeeping (lane-store.ts): the site sequence pulled up to. */
const CHECKPOINT_KEY = 'pull-checkpoint';
/** Where versions before 5 kept it: an RxDB local document. */
const CHECKPOINTS_KEY = 'sync-checkpoints';
/** The one checkpoint of the pull of every collection, in the site's sequence. */
const ALL = 'all';

/**
 * Where the pull goes on from. A tablet that pulled each collection on its
 * own kept a checkpoint per collection, all in the one site sequence: it
 * goes on from the lowest, so nothing is skipped (what comes again is
 * unchanged and costs no write).
 */
export async function checkpointOf(database: LaneDatabase): Promise<SyncCheckpoint | undefined> {
  const kept = await database.laneStore.meta.get(CHECKPOINT_KEY);
  if (typeof kept?.value === 'number') return { sequence: kept.value };
  const stored = (await database.getLocal<Record<string, number>>(CHECKPOINTS_KEY))?.toJSON().data;
  if (!stored) return undefined;
  if (stored[ALL] !== undefined) return { sequence: stored[ALL] };
  const each = COLLECTION_NAMES.map((name) => stored[name]);
  if (each.some((sequence) => sequence === undefined)) return undefined;
  return { sequence: Math.min(...(each as number[])) };
}

export interface PullDependencies {
  database: LaneDatabase;
  client: SyncClient;
  note: (event: SyncJournalEvent) => void;
  /** Told after every stored page: its size, and what the server said still waits. */
  onPage?: (count: number, remaining: number | undefined) => void;
}

/**
 * Pulls every collection's changes until the server has nothing newer;
 * resolves with the number of records taken in. Each page is stored under
 * the write lock, in one transaction with its checkpoint.
 */
export async function pullChanges({
  database,
  client,
  note,
  onPage,
}: PullDependencies): Promise<number> {
  const fetchAfter = (checkpoint: SyncCheckpoint | undefined) => {
    const page = client.pullChanges(checkpoint, PULL_BATCH_SIZE);
    page.catch(() => undefined); // awaited below; a page fetched ahead may be dropped unread
    return page;
  };
  let kept = await checkpointOf(database);
  let next: Promise<ChangesPullResponse> | null = fetchAfter(kept);
  let taken = 0;
  while (next) {
    const page: ChangesPullResponse = await next;
    const { checkpoint } = page;
    if (!checkpoint) break;
    next = page.more ? fetchAfter(checkpoint) : null;
    if (page.changes.length === 0) {
      // Only what this tablet pushed itself was there (the server left it out): the
      // checkpoint moves past it, nothing else is stored.
      if (checkpoint.sequence !== kept?.sequence)
        await database.laneStore.meta.put({ key: CHECKPOINT_KEY, value: checkpoint.sequence });
      kept = checkpoint;
      continue;
    }
    kept = checkpoint;
    // Grouped by the collection that stores them (types share collections): a bulk write each.
    const byCollection = new Map<RxCollection, Pulled[]>();
    for (const { collection, document } of page.changes) {
      // A record type this app does not know yet (a newer server): the update brings it.
      if (!isCollectionName(collection)) continue;
      const records = database.records[collection];
      const group = byCollection.get(records.collection) ?? [];
      byCollection.set(records.collection, group);
      group.push({ records, document: document as WireRecord });
      note({ kind: 'received', collection, document });
    }
    taken += await withWriteLock(database, () =>
      transact(
        database.laneStore,
        async (transaction) => {
          let stored = 0;
          for (const [collection, pulled] of byCollection)
            stored += await storePage(database, transaction, collection, pulled);
          await database.laneStore.meta.put({ key: CHECKPOINT_KEY, value: checkpoint.sequence });
          return stored;
        },
        {
          strict: true,
          collections: [...byCollection.keys()].map((collection) =>
            storageOf(database, collection),
          ),
          tables: [database.laneStore.mutations, database.laneStore.meta],
        },
      ),
    );
    onPage?.(page.changes.length, page.remaining);
  }
  return taken;
}

interface Pulled {
  records: RecordSet;
  document: WireRecord;
}

/**
 * Records the pull of one page brought, all stored in `collection`, inside
 * the page's transaction: one read of what is stored, one write of what
 * changed. The tablet's own pushes come back in its next pull: an unchanged
 * record costs no write.
 */
async function storePage(
  database: LaneDatabase,
  transaction: LaneTransaction,
  collection: RxCollection,
  pulled: readonly Pulled[],
): Promise<number> {
  const pending = new Set<string>();
  for (const records of new Set(pulled.map((entry) => entry.records))) {
    const ids = pulled
      .filter((entry) => entry.records === records)
      .map(({ document }) => document.id);
    for (const id of await pendingAmong(database, records.type, ids)) pending.add(records.key(id));
  }
  const taken = pulled.filter(({ records, document }) => !pending.has(records.key(document.id)));
  const storage = storageOf(database, collection);
  const stored = await transaction.read(
    storage,
    taken.map(({ records, document }) => records.key(document.id)),
  );
  const rows = [];
  for (const { records, document } of taken) {
    const local = stored.get(records.key(document.id));
    const fields = local && !local._deleted ? recordFieldsOf(local) : undefined;
    if (document._deleted) {
      if (fields) rows.push(storage.row({ ...fields, _deleted: true }, local));
      continue;
    }
    const state = records.stored(storedForm(document) as WireRecord);
    if (!fields || !sameContent(fields, state)) rows.push(storage.row(state, local));
  }
  await transaction.writeRows(storage, rows, 'lane-pull', stored);
  return taken.length;
}

/**
 * Pull: a collection's changes after the tablet's checkpoint, in pages, the
 * next page fetched while the last is stored. A record with a mutation still
 * in the outbox keeps its local state: the push of that mutation meets the
 * server's state as a conflict and merges, so an older server state never
 * hides an edit made on this tablet. Checkpoints are kept in the database.
 */
import {
  SYNC_LIMITS,
  sameContent,
  type CollectionName,
  type PullResponse,
  type SyncCheckpoint,
} from '../schema/index.js';
import type { LaneDatabase } from '../db/create-database.js';
import { pendingAmong, storedForm } from '../db/outbox.js';
import { withWriteLock } from '../db/write-lock.js';
import type { SyncClient } from './sync-http.js';
import type { SyncJournalEvent } from './sync-journal.js';

export const PULL_BATCH_SIZE = SYNC_LIMITS.maxPullLimit;

type WireRecord = { id: string; _deleted: boolean } & Record<string, unknown>;

const CHECKPOINTS_KEY = 'sync-checkpoints';

async function checkpointOf(
  database: LaneDatabase,
  collection: CollectionName,
): Promise<SyncCheckpoint | undefined> {
  const stored = await database.getLocal<Record<string, number>>(CHECKPOINTS_KEY);
  const sequence = stored?.toJSON().data[collection];
  return sequence === undefined ? undefined : { sequence };
}

async function saveCheckpoint(
  database: LaneDatabase,
  collection: CollectionName,
  checkpoint: SyncCheckpoint,
): Promise<void> {
  const stored = await database.getLocal<Record<string, number>>(CHECKPOINTS_KEY);
  const all = { ...(stored?.toJSON().data ?? {}), [collection]: checkpoint.sequence };
  await database.upsertLocal(CHECKPOINTS_KEY, all);
}

export interface PullDependencies {
  database: LaneDatabase;
  client: SyncClient;
  note: (event: SyncJournalEvent) => void;
  /** Told after every stored page: its size, and what the server said still waits. */
  onPage?: (count: number, remaining: number | undefined) => void;
}

/** Pulls until the server has nothing newer; resolves with the number of records taken in. */
export async function pullCollection(
  { database, client, note, onPage }: PullDependencies,
  collection: CollectionName,
): Promise<number> {
  const fetchAfter = (checkpoint: SyncCheckpoint | undefined) => {
    const page = client.pull<Record<string, unknown>>(checkpoint, PULL_BATCH_SIZE);
    page.catch(() => undefined); // awaited below; a page fetched ahead may be dropped unread
    return page;
  };
  let next: Promise<PullResponse<Record<string, unknown>>> | null = fetchAfter(
    await checkpointOf(database, collection),
  );
  let taken = 0;
  while (next) {
    const page: PullResponse<Record<string, unknown>> = await next;
    const { checkpoint } = page;
    if (page.documents.length === 0 || !checkpoint) break;
    const more = page.more ?? page.documents.length >= PULL_BATCH_SIZE;
    next = more ? fetchAfter(checkpoint) : null;
    const documents = page.documents as WireRecord[];
    documents.forEach((document) => note({ kind: 'received', collection, document }));
    taken += await withWriteLock(database, () => storePage(database, collection, documents));
    await saveCheckpoint(database, collection, checkpoint);
    onPage?.(documents.length, page.remaining);
  }
  return taken;
}

async function storePage(
  database: LaneDatabase,
  collection: CollectionName,
  documents: WireRecord[],
): Promise<number> {
  const pending = await pendingAmong(
    database,
    collection,
    documents.map((document) => document.id),
  );
  const records = database.records[collection];
  const taken = documents.filter((document) => !pending.has(document.id));
  const live = taken
    .filter((document) => !document._deleted)
    .map((document) => records.stored(storedForm(document) as WireRecord));
  const deleted = taken
    .filter((document) => document._deleted)
    .map((document) => records.key(document.id));
  if (live.length > 0) {
    // Inserted in one write; a record the tablet holds already comes back with its stored state.
    const { error } = await records.collection.bulkInsert(live);
    const pulled = new Map(live.map((state) => [records.key(state.id), state]));
    const changed: object[] = [];
    for (const failure of error) {
      const state = pulled.get(failure.documentId);
      if (failure.status !== 409 || !state)
        throw new Error(`${error.length} pulled records not stored`);
      // The tablet's own pushes come back in its next pull: an unchanged record costs no write.
      const local = failure.documentInDb;
      if (!local || local._deleted || !sameContent(withoutMeta(local), state)) changed.push(state);
    }
    if (changed.length > 0) {
      const upserted = await records.collection.bulkUpsert(changed);
      if (upserted.error.length > 0)
        throw new Error(`${upserted.error.length} pulled records not stored`);
    }
  }
  if (deleted.length > 0) await records.collection.bulkRemove(deleted);
  return taken.length;
}

/** A stored document without RxDB's own fields (`_meta`, `_rev`, `_attachments`, `_deleted`). */
function withoutMeta(document: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(document).filter(([key]) => !key.startsWith('_')));
}

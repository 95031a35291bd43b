/**
 * The outbox: which local edits the server has not yet confirmed. Feature
 * data modules record each change here; the push handler acknowledges them,
 * or marks them refused when a rule forbids them. Recording an edit again
 * (a new entry without refusedCode) clears a refusal.
 */
import type { RxReplicationWriteToMasterRow, WithDeleted } from 'rxdb';
import { map, type Observable } from 'rxjs';
import type { ErrorCode, PushRejection } from '../schema/index.js';
import type { LaneDatabase } from './create-database.js';
import { outboxId, type OutboxEntry } from './outbox-schema.js';

interface Tracked {
  id: string;
  updatedAt: number;
}

export function outboxEntriesFor(collection: string, documents: Tracked[]): OutboxEntry[] {
  return documents.map((document) => ({
    id: outboxId(collection, document.id),
    collectionName: collection,
    documentId: document.id,
    updatedAt: document.updatedAt,
  }));
}

export async function recordLocalChanges(
  database: LaneDatabase,
  collection: string,
  documents: Tracked[],
): Promise<void> {
  const { error } = await database.outbox.bulkUpsert(outboxEntriesFor(collection, documents));
  // A refused entry would hide an unsynced change from the user: fail the save instead.
  if (error.length > 0)
    throw new Error(`${error.length} outbox entries refused`, { cause: error[0] });
}

export interface PushOutcome {
  conflicts: WithDeleted<unknown>[];
  rejected: readonly PushRejection[];
}

/**
 * Clears entries the server accepted and marks those it refused by a rule with
 * the code; an entry edited again since that push stays waiting. A conflict in
 * `settled` (its resolution is the server's copy: nothing is left to send)
 * counts as accepted.
 */
export async function acknowledgePushed(
  database: LaneDatabase,
  collection: string,
  rows: RxReplicationWriteToMasterRow<unknown>[],
  { conflicts, rejected }: PushOutcome,
  settled: ReadonlySet<string> = new Set(),
): Promise<void> {
  const conflicted = new Set(
    conflicts
      .map((document) => (document as unknown as Tracked).id)
      .filter((id) => !settled.has(id)),
  );
  const refused = new Map(rejected.map((rejection) => [rejection.id, rejection.code]));
  const pushed = rows
    .map((row) => row.newDocumentState as unknown as Tracked)
    .filter((document) => !conflicted.has(document.id));
  if (pushed.length === 0) return;
  const entries = await database.outbox
    .findByIds(pushed.map((d) => outboxId(collection, d.id)))
    .exec();
  const done = pushed
    .filter((document) => !refused.has(document.id))
    .filter((document) => {
      const entry = entries.get(outboxId(collection, document.id));
      return entry !== undefined && entry.updatedAt <= document.updatedAt;
    })
    .map((document) => outboxId(collection, document.id));
  if (done.length > 0) await database.outbox.bulkRemove(done);
  for (const document of pushed) {
    const code = refused.get(document.id);
    if (code) await markRefused(database, collection, document, code);
  }
}

/** Refusals are rare: one entry at a time, so a local edit made meanwhile is never overwritten. */
async function markRefused(
  database: LaneDatabase,
  collection: string,
  document: Tracked,
  code: ErrorCode,
): Promise<void> {
  const id = outboxId(collection, document.id);
  const entry = await database.outbox.findOne(id).exec();
  if (!entry) {
    // Not recorded locally (say, written before the outbox existed): show the refusal all the same.
    const [created] = outboxEntriesFor(collection, [document]);
    if (created) await database.outbox.upsert({ ...created, refusedCode: code });
    return;
  }
  await entry.incrementalModify((current) =>
    current.updatedAt <= document.updatedAt ? { ...current, refusedCode: code } : current,
  );
}

export interface RefusalFilter {
  collection?: string;
  documentIds?: readonly string[];
}

/** Live list of the local records the server refused, with the code of each. */
export function refusedEntries$(
  database: LaneDatabase,
  filter: RefusalFilter = {},
): Observable<OutboxEntry[]> {
  const selector = {
    refusedCode: { $exists: true },
    ...(filter.collection === undefined ? {} : { collectionName: filter.collection }),
    ...(filter.documentIds === undefined ? {} : { documentId: { $in: [...filter.documentIds] } }),
  };
  return database.outbox
    .find({ selector })
    .$.pipe(map((entries) => entries.map((entry) => entry.toJSON() as OutboxEntry)));
}

/** Live number of outbox entries: waiting to go plus refused. */
export function outboxSize$(database: LaneDatabase): Observable<number> {
  return database.outbox.count().$;
}

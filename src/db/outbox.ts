/**
 * The outbox: which local edits the server has not yet confirmed. Feature
 * data modules record each change here; the push handler acknowledges them.
 */
import type { RxReplicationWriteToMasterRow, WithDeleted } from 'rxdb';
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

/** Clears entries the server accepted; an entry edited again since that push stays. */
export async function acknowledgePushed(
  database: LaneDatabase,
  collection: string,
  rows: RxReplicationWriteToMasterRow<unknown>[],
  conflicts: WithDeleted<unknown>[],
): Promise<void> {
  const conflicted = new Set(conflicts.map((document) => (document as unknown as Tracked).id));
  const pushed = rows
    .map((row) => row.newDocumentState as unknown as Tracked)
    .filter((document) => !conflicted.has(document.id));
  if (pushed.length === 0) return;
  const entries = await database.outbox
    .findByIds(pushed.map((d) => outboxId(collection, d.id)))
    .exec();
  const done = pushed
    .filter((document) => {
      const entry = entries.get(outboxId(collection, document.id));
      return entry !== undefined && entry.updatedAt <= document.updatedAt;
    })
    .map((document) => outboxId(collection, document.id));
  if (done.length > 0) await database.outbox.bulkRemove(done);
}

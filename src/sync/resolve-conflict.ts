/**
 * A push came back as a conflict: the server holds a state the mutation was
 * not based on. Append-only records are final, so the server's copy stands
 * (a resend that lacked the server's receipt stamp comes back this way too).
 * Mutable records merge field by field (src/schema/merge.ts), keeping every
 * overwritten value as a conflict entry: each of the record's waiting
 * mutations is rebased in order onto the server's state, keeps its author,
 * and the record on the tablet shows the result.
 */
import {
  SYNCED_COLLECTIONS,
  mergeThreeWay,
  sameContent,
  type CollectionName,
  type MergeableRecord,
} from '../schema/index.js';
import type { LaneDatabase } from '../db/create-database.js';
import {
  forgetMutations,
  mutationsOf,
  parseWire,
  replaceMutations,
  storedForm,
  wireJson,
} from '../db/outbox.js';
import type { OutboxEntry } from '../db/outbox-schema.js';

type WireRecord = MergeableRecord & { id: string; _deleted: boolean };

const MAX_ATTEMPTS = 5;

export async function resolveConflict(
  database: LaneDatabase,
  collection: CollectionName,
  head: OutboxEntry,
  server: Record<string, unknown>,
): Promise<void> {
  const remote = server as unknown as WireRecord;
  if (SYNCED_COLLECTIONS[collection].conflictPolicy === 'append-only') {
    await storeServerCopy(database, collection, remote);
    const chain = await mutationsOf(database, collection, head.documentId);
    await forgetMutations(
      database,
      chain.map((entry) => entry.id),
    );
    return;
  }
  // A local edit landing meanwhile changes the chain: rebase again from the start.
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    if (await rebaseOnto(database, collection, head.documentId, remote)) return;
  }
  throw new Error(`conflict on ${collection} ${head.documentId} kept moving`);
}

async function rebaseOnto(
  database: LaneDatabase,
  collection: CollectionName,
  documentId: string,
  server: WireRecord,
): Promise<boolean> {
  const chain = await mutationsOf(database, collection, documentId);
  const last = chain.at(-1);
  if (!last) return true;
  let remote = server;
  const rebased: OutboxEntry[] = [];
  const dropped: string[] = [];
  for (const entry of chain) {
    const local = parseWire(entry.state) as unknown as WireRecord;
    const base = entry.base === '' ? undefined : (parseWire(entry.base) as unknown as WireRecord);
    const { merged } = mergeThreeWay<WireRecord>(base, local, remote);
    if (sameApartFromBookkeeping(merged, remote)) {
      // Nothing of this change is left to send: the server has it all.
      dropped.push(entry.id);
      continue;
    }
    // Still this person's change, and later than what it now follows.
    const next = {
      ...merged,
      updatedBy: entry.author,
      updatedAt: Math.max(merged.updatedAt, remote.updatedAt + 1),
    };
    rebased.push({
      ...entry,
      base: wireJson(remote),
      state: wireJson(next),
      updatedAt: next.updatedAt,
      sent: false,
    });
    remote = next;
  }
  const shown = remote;
  const stillLast = await showOnTablet(database, collection, last.updatedAt, shown);
  if (!stillLast) return false;
  await replaceMutations(database, { dropped, rebased });
  return true;
}

function sameApartFromBookkeeping(a: WireRecord, b: WireRecord): boolean {
  const strip = ({ updatedAt: _at, updatedBy: _by, ...rest }: WireRecord) => rest;
  return sameContent(strip(a), strip(b));
}

/**
 * Writes the resolved state unless the record was edited since the chain was
 * read (its updatedAt moved): false then, and the caller rebases again.
 */
async function showOnTablet(
  database: LaneDatabase,
  collection: CollectionName,
  expectedUpdatedAt: number,
  state: WireRecord,
): Promise<boolean> {
  const records = database.records[collection];
  const document = await records.findOne(state.id).exec();
  if (!document) {
    await storeServerCopy(database, collection, state);
    return true;
  }
  if (state._deleted) {
    if (document.get('updatedAt') !== expectedUpdatedAt) return false;
    await document.remove();
    return true;
  }
  let moved = false;
  await document.incrementalModify((current: WireRecord) => {
    if (current.updatedAt !== expectedUpdatedAt) {
      moved = true;
      return current;
    }
    return records.stored(storedForm(state) as WireRecord) as WireRecord;
  });
  return !moved;
}

/** The server's state becomes the tablet's (an append-only record, or a pulled change). */
export async function storeServerCopy(
  database: LaneDatabase,
  collection: CollectionName,
  state: WireRecord,
): Promise<void> {
  const records = database.records[collection];
  if (state._deleted) {
    const document = await records.findOne(state.id).exec();
    await document?.remove();
    return;
  }
  await records.collection.upsert(records.stored(storedForm(state) as WireRecord));
}

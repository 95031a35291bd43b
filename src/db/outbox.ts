/**
 * The outbox of mutations (outbox-schema.ts): every local change is recorded
 * here with who made it, and leaves only when the server accepts it. A
 * person's consecutive edits of one record, not yet sent, stay one mutation;
 * a change by someone else, or after a send, starts a new one based on the
 * state before it, so each is pushed with its own author's session.
 */
import { map, Subject, type Observable } from 'rxjs';
import { toWireState, type ErrorCode, type WireDocument } from '../schema/index.js';
import type { LaneDatabase } from './create-database.js';
import { mutationId, type OutboxEntry } from './outbox-schema.js';

export interface TrackedRecord {
  id: string;
  updatedAt: number;
  updatedBy: string;
}

/** The wire form of a stored record: what the server is sent and answers with. */
export function wireJson(record: object): string {
  const wire = toWireState(record) as Record<string, unknown>;
  return JSON.stringify({ ...wire, _deleted: wire._deleted === true });
}

/** A wire state as the tablet's database stores it: RxDB keeps deletion to itself. */
export function storedForm<T extends { _deleted?: boolean }>(state: T): Omit<T, '_deleted'> {
  const copy: Partial<T> = { ...state };
  delete copy._deleted;
  return copy as Omit<T, '_deleted'>;
}

export function parseWire<T = Record<string, unknown>>(json: string): WireDocument<T> {
  return JSON.parse(json) as WireDocument<T>;
}

/** A record's mutations still in the outbox, oldest first. */
export async function mutationsOf(
  database: LaneDatabase,
  collection: string,
  documentId: string,
): Promise<OutboxEntry[]> {
  const entries = await database.outbox.find({ selector: { documentId } }).exec();
  return entries
    .map((entry) => entry.toJSON() as OutboxEntry)
    .filter((entry) => entry.collectionName === collection)
    .sort((a, b) => a.updatedAt - b.updatedAt);
}

/** Emits after every recorded local change: the sync engine pushes on it. */
export const localChanges$ = new Subject<void>();

export interface LocalChange {
  /** The stored state before the change; undefined for a new record. */
  before: object | undefined;
  after: TrackedRecord;
}

/**
 * Records changes of one collection (see takeOverRefused for an edit after a refusal).
 */
export async function recordLocalChanges(
  database: LaneDatabase,
  collection: string,
  changes: readonly LocalChange[],
): Promise<void> {
  const fresh: OutboxEntry[] = [];
  for (const { before, after } of changes) {
    const pending = before === undefined ? [] : await mutationsOf(database, collection, after.id);
    if (pending.some((entry) => entry.refusedCode !== undefined)) {
      fresh.push(await takeOverRefused(database, collection, pending, after));
      continue;
    }
    const latest = pending.at(-1);
    const state = wireJson(after);
    let base = latest ? latest.state : before === undefined ? '' : wireJson(before);
    if (latest && !latest.sent && latest.author === after.updatedBy) {
      const folded = await coalesce(database, latest.id, state, after.updatedAt);
      if (folded.done) continue;
      // Sent meanwhile (or already accepted): the new mutation is based on what went.
      base = folded.sentState ?? latest.state;
    }
    fresh.push({
      id: mutationId(collection, after.id, after.updatedAt),
      collectionName: collection,
      documentId: after.id,
      updatedAt: after.updatedAt,
      author: after.updatedBy,
      state,
      base,
      sent: false,
    });
  }
  if (fresh.length > 0) {
    const { error } = await database.outbox.bulkUpsert(fresh);
    // A refused entry would hide an unsynced change from the user: fail the save instead.
    if (error.length > 0)
      throw new Error(`${error.length} outbox entries refused`, { cause: error[0] });
  }
  localChanges$.next();
}

/** New records: no server state to base them on. */
export function recordNewRecords(
  database: LaneDatabase,
  collection: string,
  records: readonly TrackedRecord[],
): Promise<void> {
  return recordLocalChanges(
    database,
    collection,
    records.map((after) => ({ before: undefined, after })),
  );
}

/**
 * Folds an edit into the person's unsent mutation, atomically against the push
 * marking it sent; if it was sent first, says what state went.
 */
async function coalesce(
  database: LaneDatabase,
  id: string,
  state: string,
  updatedAt: number,
): Promise<{ done: boolean; sentState?: string }> {
  const document = await database.outbox.findOne(id).exec();
  if (!document) return { done: false };
  let sentState: string | undefined;
  await document.incrementalModify((current) => {
    if (!current.sent) return { ...current, state, updatedAt };
    sentState = current.state;
    return current;
  });
  return sentState === undefined ? { done: true } : { done: false, sentState };
}

/**
 * An edit after a refusal is the user trying again: whoever edits takes the
 * record's waiting change over as their own, one mutation on the last state
 * the server had. A record the server never accepted becomes their creation,
 * since nobody else's name may go with it.
 */
async function takeOverRefused(
  database: LaneDatabase,
  collection: string,
  pending: readonly OutboxEntry[],
  after: TrackedRecord,
): Promise<OutboxEntry> {
  const base = pending[0]?.base ?? '';
  await database.outbox.bulkRemove(pending.map((entry) => entry.id));
  const state = base === '' ? { ...after, createdBy: after.updatedBy } : after;
  return {
    id: mutationId(collection, after.id, after.updatedAt),
    collectionName: collection,
    documentId: after.id,
    updatedAt: after.updatedAt,
    author: after.updatedBy,
    state: wireJson(state),
    base,
    sent: false,
  };
}

/**
 * A signing record names the record's state it covers (a sign-off's job
 * revision): later edits must not fold into the mutation carrying that
 * state, or the server would never store the revision the signature names.
 */
export async function pinPendingState(
  database: LaneDatabase,
  collection: string,
  documentId: string,
  updatedAt: number,
): Promise<void> {
  const latest = (await mutationsOf(database, collection, documentId)).at(-1);
  if (!latest || latest.sent || latest.updatedAt !== updatedAt) return;
  await database.outbox.findOne(latest.id).incrementalPatch({ sent: true });
}

export async function markRefused(database: LaneDatabase, id: string, code: ErrorCode) {
  await database.outbox.findOne(id).incrementalPatch({ refusedCode: code });
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

/** Live number of records with changes not yet on the server (waiting or refused). */
export function outboxSize$(database: LaneDatabase): Observable<number> {
  return database.outbox
    .find()
    .$.pipe(
      map(
        (entries) =>
          new Set(entries.map((entry) => `${entry.collectionName}:${entry.documentId}`)).size,
      ),
    );
}

/** Live: is this record still waiting for the server (any mutation of it in the outbox)? */
export function isPending$(
  database: LaneDatabase,
  collection: string,
  documentId: string,
): Observable<boolean> {
  return database.outbox
    .find({ selector: { documentId } })
    .$.pipe(map((entries) => entries.some((entry) => entry.collectionName === collection)));
}

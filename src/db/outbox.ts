/**
 * The outbox of mutations (outbox-schema.ts): every local change is recorded
 * here with who made it, and leaves only when the server accepts it. A
 * person's consecutive edits of one record, not yet sent, stay one mutation;
 * a change by someone else, or after a send, starts a new one based on the
 * state before it, so each is pushed with its own author's session.
 */
import { liveQuery } from 'dexie';
import { from, map, Subject, type Observable } from 'rxjs';
import {
  isCollectionName,
  toWireState,
  type ErrorCode,
  type WireDocument,
} from '../schema/index.js';
import type { LaneDatabase } from './create-database.js';
import { mutationId, type OutboxEntry } from './outbox-schema.js';
import type { LaneStore } from './lane-store.js';

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
export function mutationsOf(
  database: LaneDatabase,
  collection: string,
  documentId: string,
): Promise<OutboxEntry[]> {
  return ofRecord(database.laneStore, collection, documentId).sortBy('updatedAt');
}

function ofRecord(store: LaneStore, collection: string, documentId: string) {
  return store.mutations.where('[collectionName+documentId]').equals([collection, documentId]);
}

/** Which of these records of a collection have mutations waiting (one indexed read). */
export async function pendingAmong(
  database: LaneDatabase,
  collection: string,
  documentIds: readonly string[],
): Promise<Set<string>> {
  // Nothing waits (the usual case, and a new tablet's first sync): no need to look.
  if ((await database.laneStore.mutations.count()) === 0) return new Set();
  const keys = documentIds.map((documentId) => [collection, documentId]);
  const entries = await database.laneStore.mutations
    .where('[collectionName+documentId]')
    .anyOf(keys)
    .toArray();
  return new Set(entries.map((entry) => entry.documentId));
}

/** How many mutations wait to be sent (refused ones wait for an edit instead). */
export async function waitingCount(database: LaneDatabase): Promise<number> {
  const { mutations } = database.laneStore;
  const [all, refused] = await Promise.all([
    mutations.count(),
    mutations.where('refusedCode').above('').count(),
  ]);
  return all - refused;
}

/** Every mutation waiting or refused, oldest first. */
export function allMutations(database: LaneDatabase): Promise<OutboxEntry[]> {
  return database.laneStore.mutations.orderBy('updatedAt').toArray();
}

/** Emits after every recorded local change: the sync engine pushes on it. */
export const localChanges$ = new Subject<void>();

export interface LocalChange {
  /** The stored state before the change; undefined for a new record. */
  before: object | undefined;
  after: TrackedRecord;
}

/**
 * Records changes of one collection in the outbox and tells the sync engine.
 * Saves call queueLocalChanges inside their own transaction instead.
 */
export async function recordLocalChanges(
  database: LaneDatabase,
  collection: string,
  changes: readonly LocalChange[],
): Promise<void> {
  const store = database.laneStore;
  // An async scope: Dexie keeps its transaction across the awaits inside only for those.
  await store.dexie.transaction('rw', [store.mutations, store.sent], async () => {
    await queueLocalChanges(store, collection, changes);
  });
  localChanges$.next();
}

/**
 * The outbox side of changes of one collection, inside the caller's
 * transaction (with the records themselves, record-writes.ts), so a push
 * marking mutations sent sees each change whole (see takeOverRefused for an
 * edit after a refusal). The caller tells localChanges$ once it committed.
 */
export async function queueLocalChanges(
  store: LaneStore,
  collection: string,
  changes: readonly LocalChange[],
): Promise<void> {
  if (changes.every((change) => change.before === undefined)) {
    // New records have no earlier mutation to fold into: one write, nothing read.
    await store.mutations.bulkAdd(changes.map(({ after }) => freshMutation(collection, after, '')));
    return;
  }
  const fresh: OutboxEntry[] = [];
  for (const change of changes) {
    const entry = await changeEntry(store, collection, change);
    if (entry) fresh.push(entry);
  }
  await store.mutations.bulkPut(fresh);
}

/** The new mutation a change needs, or undefined when it folded into the person's unsent one. */
async function changeEntry(
  store: LaneStore,
  collection: string,
  { before, after }: LocalChange,
): Promise<OutboxEntry | undefined> {
  const pending =
    before === undefined ? [] : await ofRecord(store, collection, after.id).sortBy('updatedAt');
  if (pending.some((entry) => entry.refusedCode !== undefined))
    return takeOverRefused(store, collection, pending, after);
  const latest = pending.at(-1);
  const state = wireJson(after);
  if (latest && latest.author === after.updatedBy && !(await wasSent(store, latest))) {
    // Not sent yet (a push marks mutations sent in a transaction of its own): fold in.
    // A put of the entry read just now in this transaction: Dexie's update would read it again.
    await store.mutations.put({ ...latest, state, updatedAt: after.updatedAt });
    return undefined;
  }
  const base = latest ? latest.state : before === undefined ? '' : wireJson(before);
  return freshMutation(collection, after, base, state);
}

const SENT_MARKS = 'marks';

async function sentMarks(store: LaneStore): Promise<string[]> {
  return (await store.sent.get(SENT_MARKS))?.ids ?? [];
}

/** Maybe sent (marked by takeForPush), or pinned by a signing record (its `sent` flag). */
async function wasSent(store: LaneStore, entry: OutboxEntry): Promise<boolean> {
  return entry.sent || (await sentMarks(store)).includes(entry.id);
}

function freshMutation(
  collection: string,
  after: TrackedRecord,
  base: string,
  state = wireJson(after),
): OutboxEntry {
  return {
    id: mutationId(collection, after.id, after.updatedAt),
    collectionName: collection,
    documentId: after.id,
    updatedAt: after.updatedAt,
    author: after.updatedBy,
    state,
    base,
    sent: false,
  };
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
 * An edit after a refusal is the user trying again: whoever edits takes the
 * record's waiting change over as their own, one mutation on the last state
 * the server had. A record the server never accepted becomes their creation,
 * since nobody else's name may go with it.
 */
async function takeOverRefused(
  store: LaneStore,
  collection: string,
  pending: readonly OutboxEntry[],
  after: TrackedRecord,
): Promise<OutboxEntry> {
  const base = pending[0]?.base ?? '';
  await store.mutations.bulkDelete(pending.map((entry) => entry.id));
  const state = base === '' ? { ...after, createdBy: after.updatedBy } : after;
  return freshMutation(collection, after, base, wireJson(state));
}

/**
 * A push round's start: every mutation, oldest first, and those `choose`
 * picks to send, marked sent in the same transaction before any goes (its
 * answer may never come while the server stores it). An edit is thus either
 * in the state read here or, coming after, a mutation of its own. One write
 * of the marks, whatever the backlog; marks of mutations gone are dropped.
 */
export async function takeForPush(
  database: LaneDatabase,
  choose: (entries: readonly OutboxEntry[]) => OutboxEntry[],
): Promise<{ entries: OutboxEntry[]; chosen: OutboxEntry[] }> {
  const store = database.laneStore;
  return store.dexie.transaction('rw', [store.mutations, store.sent], async () => {
    const entries = await store.mutations.orderBy('updatedAt').toArray();
    const chosen = choose(entries);
    const present = new Set(entries.map((entry) => entry.id));
    const marks = new Set((await sentMarks(store)).filter((id) => present.has(id)));
    for (const entry of chosen) marks.add(entry.id);
    await store.sent.put({ id: SENT_MARKS, ids: [...marks] });
    return { entries, chosen };
  });
}

/** Mutations the server answered for: gone for good (their marks go at the next round). */
export async function forgetMutations(
  database: LaneDatabase,
  ids: readonly string[],
): Promise<void> {
  if (ids.length > 0) await database.laneStore.mutations.bulkDelete([...ids]);
}

/** A record's mutations after a conflict: these go, those are rebased (one transaction). */
export async function replaceMutations(
  database: LaneDatabase,
  { dropped, rebased }: { dropped: readonly string[]; rebased: readonly OutboxEntry[] },
): Promise<void> {
  const store = database.laneStore;
  await store.dexie.transaction('rw', [store.mutations, store.sent], async () => {
    await store.mutations.bulkDelete([...dropped]);
    await store.mutations.bulkPut([...rebased]);
    // A rebased mutation is a new change, not sent yet (it keeps its id): edits fold in again.
    const unsent = new Set(rebased.map((entry) => entry.id));
    const marks = await sentMarks(store);
    if (marks.some((id) => unsent.has(id)))
      await store.sent.put({ id: SENT_MARKS, ids: marks.filter((id) => !unsent.has(id)) });
  });
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
  const store = database.laneStore;
  await store.dexie.transaction('rw', [store.mutations, store.sent], async () => {
    const latest = (await ofRecord(store, collection, documentId).sortBy('updatedAt')).at(-1);
    if (!latest || latest.updatedAt !== updatedAt || (await wasSent(store, latest))) return;
    await store.mutations.update(latest.id, { sent: true });
  });
}

export async function markRefused(database: LaneDatabase, id: string, code: ErrorCode) {
  await database.laneStore.mutations.update(id, { refusedCode: code });
}

export interface RefusalFilter {
  collection?: string;
  documentIds?: readonly string[];
}

/** A live Dexie query as an RxJS observable: it emits again after every change of the outbox. */
function live<T>(query: () => Promise<T>): Observable<T> {
  return from(liveQuery(query));
}

/** Live list of the local records the server refused, with the code of each. */
export function refusedEntries$(
  database: LaneDatabase,
  filter: RefusalFilter = {},
): Observable<OutboxEntry[]> {
  const ids = filter.documentIds === undefined ? undefined : new Set(filter.documentIds);
  return live(() => database.laneStore.mutations.where('refusedCode').above('').toArray()).pipe(
    map((entries) =>
      entries.filter(
        (entry) =>
          (filter.collection === undefined || entry.collectionName === filter.collection) &&
          (ids === undefined || ids.has(entry.documentId)),
      ),
    ),
  );
}

/** Live number of records with changes not yet on the server (waiting or refused). */
export function outboxSize$(database: LaneDatabase): Observable<number> {
  return live(
    async () =>
      (await database.laneStore.mutations.orderBy('[collectionName+documentId]').uniqueKeys())
        .length,
  );
}

/** Live: is this record still waiting for the server (any mutation of it in the outbox)? */
export function isPending$(
  database: LaneDatabase,
  collection: string,
  documentId: string,
): Observable<boolean> {
  return live(() => ofRecord(database.laneStore, collection, documentId).count()).pipe(
    map((count) => count > 0),
  );
}

/** Live ids of a collection's records still waiting for the server. */
export function pendingIds$(database: LaneDatabase, collection: string): Observable<Set<string>> {
  return live(() =>
    database.laneStore.mutations
      .where('[collectionName+documentId]')
      .between([collection, ''], [collection, '\uffff'])
      .toArray(),
  ).pipe(map((entries) => new Set(entries.map((entry) => entry.documentId))));
}

/**
 * Before version 5 of the app a save wrote its mutation first, then the
 * record, in two transactions: a tab closed between the two left the record
 * one edit behind. On open, every record takes the state of its newest
 * mutation where that is newer, so a tablet updating with no network still
 * shows every edit it holds. Returns how many records were brought forward.
 */
export async function rollRecordsForward(database: LaneDatabase): Promise<number> {
  const newest = new Map<string, OutboxEntry>();
  for (const entry of await allMutations(database))
    newest.set(`${entry.collectionName}:${entry.documentId}`, entry);
  const byCollection = new Map<string, OutboxEntry[]>();
  for (const entry of newest.values()) {
    const list = byCollection.get(entry.collectionName) ?? [];
    byCollection.set(entry.collectionName, list);
    list.push(entry);
  }
  let brought = 0;
  for (const [name, entries] of byCollection) {
    if (!isCollectionName(name)) continue;
    const records = database.records[name];
    const stored = await records.findByIds(entries.map((entry) => entry.documentId));
    const behind = entries.filter(
      (entry) =>
        ((stored.get(entry.documentId)?.get('updatedAt') as number) ?? -1) < entry.updatedAt,
    );
    const states = behind.map((entry) => parseWire<TrackedRecord>(entry.state));
    const live = states
      .filter((state) => !state._deleted)
      .map((state) => records.stored(storedForm(state)));
    const removed = states.filter((state) => state._deleted && stored.has(state.id));
    if (live.length > 0) {
      const { error } = await records.collection.bulkUpsert(live);
      if (error.length > 0) throw new Error(`${error.length} records not brought forward`);
    }
    if (removed.length > 0)
      await records.collection.bulkRemove(removed.map((state) => records.key(state.id)));
    brought += live.length + removed.length;
  }
  return brought;
}

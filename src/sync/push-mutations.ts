/**
 * Push: sends the outbox's mutations, each with its own author's session.
 * A record's mutations go one at a time, in order (each is based on the one
 * before it); the first waiting mutation of every record is grouped by author
 * and collection and sent in batches. Accepted mutations leave the outbox,
 * refused ones are marked with their code, conflicts are merged
 * (resolve-conflict.ts). A person with no session on this tablet any more
 * holds only their own mutations: nobody else's session sends them.
 */
import {
  SYNC_LIMITS,
  isCollectionName,
  type CollectionName,
  type PushRow,
  type PushRejection,
} from '../schema/index.js';
import type { LaneDatabase } from '../db/create-database.js';
import { forgetMutations, markRefused, parseWire, takeForPush } from '../db/outbox.js';
import type { OutboxEntry } from '../db/outbox-schema.js';
import { withWriteLock } from '../db/write-lock.js';
import { resolveConflict } from './resolve-conflict.js';
import { SyncHttpError, type SyncClient } from './sync-http.js';
import type { SyncJournalEvent } from './sync-journal.js';

// Measured by `npm run bench`: the server's maximum. Each batch costs the tablet an IndexedDB
// write of its own (the accepted mutations leaving), which on a long backlog outweighs HTTP.
export const PUSH_BATCH_SIZE = SYNC_LIMITS.maxPushRows;

export interface PushDependencies {
  database: LaneDatabase;
  /** A client of the collection signed in as this person (their own session). */
  clientFor: (author: string, collection: CollectionName) => SyncClient;
  note: (event: SyncJournalEvent) => void;
  /** Told after every answered batch, with its size (the progress of a long backlog). */
  onAnswered?: (count: number) => void;
}

export interface PushRoundResult {
  /** Mutations the server answered (accepted, refused or conflicting). */
  answered: number;
  /** People whose mutations wait for them to sign in again on this tablet. */
  held: Set<string>;
}

/** The first mutation of each record, unless that record waits on a refusal. */
export function pushableHeads(entries: readonly OutboxEntry[]): OutboxEntry[] {
  const byRecord = new Map<string, OutboxEntry>();
  const sorted = [...entries].sort((a, b) => a.updatedAt - b.updatedAt);
  for (const entry of sorted) {
    const key = `${entry.collectionName}:${entry.documentId}`;
    if (!byRecord.has(key)) byRecord.set(key, entry);
  }
  return [...byRecord.values()].filter(
    (entry) => entry.refusedCode === undefined && entry.state !== '',
  );
}

function groupHeads(
  heads: readonly OutboxEntry[],
): Map<string, Map<CollectionName, OutboxEntry[]>> {
  const groups = new Map<string, Map<CollectionName, OutboxEntry[]>>();
  for (const head of heads) {
    if (!isCollectionName(head.collectionName)) continue;
    const byCollection = groups.get(head.author) ?? new Map<CollectionName, OutboxEntry[]>();
    groups.set(head.author, byCollection);
    const list = byCollection.get(head.collectionName) ?? [];
    byCollection.set(head.collectionName, list);
    list.push(head);
  }
  return groups;
}

/**
 * Batches of one author and record type in flight at once: the tablet marks
 * and encodes the next batch, and stores the last answer, while the server
 * applies one. They hold different records of one type (a round sends each
 * record's first mutation only), and the rules never make one of a person's
 * records of a type wait for another of the same type in the same round.
 * Across types they do (a sign-off names a job revision, an approval its
 * added work): a type's batches are all answered before the next type goes.
 */
export const PUSH_BATCHES_IN_FLIGHT = 2;

/** One round: every record's first waiting mutation, sent by its author. */
export async function pushRound(deps: PushDependencies): Promise<PushRoundResult> {
  // Read and marked sent at once, before any goes (see takeForPush).
  const { chosen } = await takeForPush(deps.database, pushableHeads);
  const result: PushRoundResult = { answered: 0, held: new Set() };
  for (const [author, byCollection] of groupHeads(chosen)) {
    const inFlight: Promise<number>[] = [];
    const settleOldest = async () => {
      const answered = await inFlight.shift();
      if (answered === undefined) return;
      result.answered += answered;
      deps.onAnswered?.(answered);
    };
    try {
      for (const [collection, heads] of byCollection) {
        const client = deps.clientFor(author, collection);
        for (let start = 0; start < heads.length; start += PUSH_BATCH_SIZE) {
          const batch = heads.slice(start, start + PUSH_BATCH_SIZE);
          const sending = pushBatch(deps, client, { collection, batch });
          sending.catch(() => undefined); // awaited below, in order
          inFlight.push(sending);
          if (inFlight.length >= PUSH_BATCHES_IN_FLIGHT) await settleOldest();
        }
        while (inFlight.length > 0) await settleOldest();
      }
    } catch (error) {
      // Batches still out are answered or fail on their own; their mutations stay marked sent.
      await Promise.allSettled(inFlight);
      // No session for this person any more: their changes wait, nobody else's do.
      if (error instanceof SyncHttpError && error.status === 401) result.held.add(author);
      else throw error;
    }
  }
  return result;
}

async function pushBatch(
  deps: PushDependencies,
  client: SyncClient,
  { collection, batch }: { collection: CollectionName; batch: OutboxEntry[] },
): Promise<number> {
  const { database, note } = deps;
  const rows = batch.map(rowOf);
  rows.forEach((row) => note({ kind: 'sent', collection, document: row.newDocumentState }));
  const { conflicts, rejected } = await pushSplittingOversized(client, rows);
  const conflictById = new Map(conflicts.map((document) => [String(document.id), document]));
  const refusedById = new Map(rejected.map((rejection) => [rejection.id, rejection.code]));
  const accepted: string[] = [];
  for (const entry of batch) {
    const code = refusedById.get(entry.documentId);
    const current = conflictById.get(entry.documentId);
    if (code) await markRefused(database, entry.id, code);
    else if (current) {
      note({ kind: 'conflict', collection, document: current });
      await withWriteLock(database, () => resolveConflict(database, collection, entry, current));
    } else accepted.push(entry.id);
  }
  await forgetMutations(database, accepted);
  return batch.length;
}

function rowOf(entry: OutboxEntry): PushRow<Record<string, unknown>> {
  return {
    newDocumentState: parseWire(entry.state),
    assumedMasterState: entry.base === '' ? null : parseWire(entry.base),
    mutationId: entry.id,
  };
}

interface PushAnswer {
  conflicts: Record<string, unknown>[];
  rejected: PushRejection[];
}

/** A batch the server finds too large is sent again in halves, so one big record never blocks the rest. */
async function pushSplittingOversized(
  client: SyncClient,
  rows: PushRow<Record<string, unknown>>[],
): Promise<PushAnswer> {
  try {
    return await client.push(rows);
  } catch (error) {
    if (error instanceof SyncHttpError && error.status === 413 && rows.length > 1) {
      const middle = Math.ceil(rows.length / 2);
      const first = await pushSplittingOversized(client, rows.slice(0, middle));
      const second = await pushSplittingOversized(client, rows.slice(middle));
      return {
        conflicts: [...first.conflicts, ...second.conflicts],
        rejected: [...first.rejected, ...second.rejected],
      };
    }
    throw error;
  }
}

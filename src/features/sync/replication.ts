/**
 * Runs RxDB replication for every synced collection against the sync server:
 * pull by checkpoint, push with conflicts returned, a live stream, retry every
 * few seconds while offline. Accepted pushes clear the tablet's outbox.
 */
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { RxCollection, RxReplicationWriteToMasterRow, WithDeleted } from 'rxdb';
import {
  COLLECTION_NAMES,
  SYNCED_COLLECTIONS,
  SYNC_LIMITS,
  codedError,
  toWireState,
  type PushRow,
  type SyncCheckpoint,
} from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import { acknowledgePushed, type PushOutcome } from '../../db/outbox.js';
import type { BlobStore } from '../../db/blob-store.js';
import { sentStatesOf } from '../../db/sent-states.js';
import { acceptedIds, pushAgainOverOwnEarlierWrites } from './own-earlier-writes.js';
import { localBlobStore, startBlobUpload, type BlobUploader } from './blob-upload.js';
import { setAsideOutdatedRows } from './outdated-rows.js';
import { pullBesidePushes } from './pull-beside-pushes.js';
import { settledByServerCopy } from './settled-conflicts.js';
import {
  SyncClient,
  SyncHttpError,
  codedErrorOf,
  shareAccessTokens,
  sharedAccessTokens,
  type AccessTokenSource,
} from './sync-http.js';
import { useSyncStatus } from './sync-store.js';

// Measured by `npm run bench`: 200 rows per push (the server's maximum) beat 100 by a quarter.
export const PUSH_BATCH_SIZE = SYNC_LIMITS.maxPushRows;
export const PULL_BATCH_SIZE = 200;
const RETRY_MS = 5_000;

export interface SyncController {
  states: RxReplicationState<unknown, SyncCheckpoint>[];
  /** Uploads photos and signature images; null where the tablet keeps no blobs. */
  blobUploads: BlobUploader | null;
  /** Resolves when everything local is on the server and everything remote is here. */
  awaitInSync: () => Promise<void>;
  stop: () => Promise<void>;
}

export function startSync(
  database: LaneDatabase,
  baseUrl = '',
  options: { blobs?: BlobStore | null; tokens?: AccessTokenSource } = {},
): SyncController {
  const { tokens } = options;
  // Photo downloads sign in the way sync does.
  shareAccessTokens(tokens);
  const closers: (() => void)[] = [];
  const states = COLLECTION_NAMES.map((name) => {
    const client = new SyncClient(baseUrl, name, tokens);
    const stream = client.openStream<unknown>();
    closers.push(stream.close);
    const collection = database.collections[name] as unknown as RxCollection<unknown>;
    // Append-only records never change, so a resend of one is identical: never a conflict.
    const sent =
      SYNCED_COLLECTIONS[name].conflictPolicy === 'three-way-merge'
        ? sentStatesOf(database, name)
        : null;
    const state: RxReplicationState<unknown, SyncCheckpoint> = replicateRxCollection({
      replicationIdentifier: `lane-http-${name}`,
      collection,
      live: true,
      retryTime: RETRY_MS,
      waitForLeadership: false,
      toggleOnDocumentVisible: false,
      pull: {
        batchSize: PULL_BATCH_SIZE,
        stream$: stream.events.asObservable(),
        handler: async (checkpoint, batchSize) => {
          const result = await pullBesidePushes(
            () => state,
            () => client.pull<unknown>(checkpoint, batchSize),
          );
          useSyncStatus.getState().markSynced();
          return { documents: result.documents, checkpoint: result.checkpoint ?? checkpoint };
        },
      },
      push: {
        batchSize: PUSH_BATCH_SIZE,
        handler: async (taken) => {
          const { current: rows, outdated } = await setAsideOutdatedRows(collection, taken);
          if (rows.length === 0) return outdated;
          // Remembered before sending: the answer may never come, yet the server may store it.
          await sent?.remember(rows.map((row) => row.newDocumentState as object));
          const push = (batch: typeof rows) => pushSplittingOversized(client, batch);
          const first = await push(rows);
          const answered = sent
            ? await pushAgainOverOwnEarlierWrites(rows, first, sent, push)
            : first;
          const outcome = { ...answered, conflicts: [...answered.conflicts, ...outdated] };
          useSyncStatus.getState().markSynced();
          const settled = await settledByServerCopy(
            collection.conflictHandler,
            rows,
            outcome.conflicts,
          );
          await acknowledgePushed(database, name, rows, outcome, settled);
          await sent?.forget(acceptedIds(rows, outcome));
          // A refused row is not a conflict: RxDB takes it as sent, so it is not retried until edited.
          return outcome.conflicts;
        },
      },
    });
    state.error$.subscribe((error) => {
      const cause = (error.parameters as { errors?: unknown[] } | undefined)?.errors?.[0];
      useSyncStatus.getState().markFailed(codedErrorOf(cause) ?? codedError('SERVER_UNREACHABLE'));
    });
    return state;
  });

  const resync = () => states.forEach((state) => state.reSync());
  const onOnline = () => {
    useSyncStatus.getState().setOnline(true);
    resync();
  };
  const onOffline = () => useSyncStatus.getState().setOnline(false);
  globalThis.addEventListener?.('online', onOnline);
  globalThis.addEventListener?.('offline', onOffline);
  // Binary data does not travel with RxDB's JSON replication: it has its own upload.
  const blobs = options.blobs === undefined ? localBlobStore() : options.blobs;
  const blobUploads = blobs ? startBlobUpload({ baseUrl, store: blobs, tokens }) : null;

  return {
    states,
    blobUploads,
    awaitInSync: async () => {
      await Promise.all(states.map((state) => state.awaitInSync()));
    },
    stop: async () => {
      globalThis.removeEventListener?.('online', onOnline);
      globalThis.removeEventListener?.('offline', onOffline);
      closers.forEach((close) => close());
      if (sharedAccessTokens() === tokens) shareAccessTokens(undefined);
      await blobUploads?.stop();
      await Promise.all(states.map((state) => state.cancel()));
    },
  };
}

/** A batch the server finds too large is sent again in halves, so one big record never blocks the rest. */
async function pushSplittingOversized(
  client: SyncClient,
  rows: RxReplicationWriteToMasterRow<unknown>[],
): Promise<PushOutcome> {
  const wireRows: PushRow<unknown>[] = rows.map((row) => ({
    newDocumentState: toWireState(
      row.newDocumentState as object,
    ) as PushRow<unknown>['newDocumentState'],
    assumedMasterState: row.assumedMasterState
      ? (toWireState(row.assumedMasterState as object) as PushRow<unknown>['newDocumentState'])
      : null,
  }));
  try {
    const { conflicts, rejected } = await client.push(wireRows);
    return { conflicts: conflicts as WithDeleted<unknown>[], rejected };
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

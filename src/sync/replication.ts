/**
 * Our own sync engine between the tablet's database and the sync server:
 * push the outbox's mutations, each with its author's session
 * (push-mutations.ts), then pull every collection's changes at once, by the
 * site's sequence (pull-changes.ts), one cycle at a time so a pull is never
 * stored while a push of the same records is in flight. A cycle runs on a local change, on a
 * live-stream event, when the network comes back, and every few seconds while
 * something failed or waits. RxDB is the database only: its replication
 * plugin is not used.
 */
import { Subject } from 'rxjs';
import { COLLECTION_NAMES, codedError, type CollectionName } from '../schema/index.js';
import type { LaneDatabase } from '../db/create-database.js';
import type { BlobStore } from '../db/blob-store.js';
import { localChanges$, waitingCount } from '../db/outbox.js';
import { storeIdOf } from '../db/store-identity.js';
import { localBlobStore, startBlobUpload, type BlobUploader } from './blob-upload.js';
import { pullChanges, PULL_BATCH_SIZE } from './pull-changes.js';
import { pushRound, PUSH_BATCH_SIZE } from './push-mutations.js';
import {
  SyncClient,
  codedErrorOf,
  shareAccessTokens,
  sharedAccessTokens,
  type AccessTokenSource,
} from './sync-http.js';
import { ProgressCounter } from './progress.js';
import type { SyncJournalEvent } from './sync-journal.js';
import { useSyncStatus } from './sync-store.js';

export { PULL_BATCH_SIZE, PUSH_BATCH_SIZE };
const RETRY_MS = 5_000;
const MAX_PUSH_ROUNDS = 50;

export interface SyncController {
  /** Uploads photos and signature images; null where the tablet keeps no blobs. */
  blobUploads: BlobUploader | null;
  /** What the engine sent, received and merged, for whoever follows it. */
  journal: Subject<SyncJournalEvent>;
  /** Runs a cycle now, as a reconnect does: every collection is pulled again. */
  syncNow: () => void;
  /** Resolves once a whole cycle ran with nothing left to send (bar refusals and held changes). */
  awaitInSync: () => Promise<void>;
  stop: () => Promise<void>;
}

interface EngineOptions {
  blobs?: BlobStore | null;
  tokens?: AccessTokenSource;
  /**
   * Runs before each push (the session's registration of signing keys the
   * server has not confirmed: signed records are refused without it). Its
   * failure does not stop the push: the server then says why per record.
   */
  beforePush?: () => Promise<void>;
}

export function startSync(
  database: LaneDatabase,
  baseUrl = '',
  options: EngineOptions = {},
): SyncController {
  const { tokens } = options;
  // Photo downloads sign in the way sync does.
  shareAccessTokens(tokens);
  const journal = new Subject<SyncJournalEvent>();
  const note = (event: SyncJournalEvent) => journal.next(event);
  const readers = new Map(
    COLLECTION_NAMES.map((name) => [name, new SyncClient(baseUrl, name, tokens)]),
  );
  const store = () => storeIdOf(database.laneStore);
  const changes = new SyncClient(baseUrl, '', tokens, store);
  const clientFor = (author: string, collection: CollectionName) =>
    new SyncClient(baseUrl, collection, tokens?.forPerson?.(author) ?? tokens, store);

  /** Something may wait on the server: a stream event, a reconnect, a start. */
  let pullDue = true;
  /** Each waits for a settled cycle that started after it asked (`after`: the cycles begun then). */
  const waiters: { after: number; resolve: () => void }[] = [];
  let cyclesBegun = 0;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  async function cycle(): Promise<boolean> {
    await options.beforePush?.().catch(() => undefined);
    let held = new Set<string>();
    const status = useSyncStatus.getState();
    const sending = new ProgressCounter(
      'sending',
      status.setProgress,
      await waitingCount(database),
    );
    try {
      // Each round sends the next mutation of every record; bounded, so a record the
      // server keeps moving cannot hold the tablet in a loop (the next cycle goes on).
      for (let round = 1; round <= MAX_PUSH_ROUNDS; round += 1) {
        const onAnswered = (count: number) => sending.add(count);
        const result = await pushRound({ database, clientFor, note, onAnswered });
        held = result.held;
        if (result.answered === 0 || stopped) break;
      }
    } finally {
      status.setProgress(null);
    }
    status.setHeld([...held]);
    if (stopped) return false;
    const receiving = new ProgressCounter('receiving', status.setProgress);
    const onPage = (count: number, remaining: number | undefined) =>
      receiving.add(count, remaining);
    const pulling = pullDue;
    pullDue = false;
    try {
      if (pulling) await pullChanges({ database, client: changes, note, onPage });
    } catch (error) {
      pullDue = true;
      throw error;
    } finally {
      status.setProgress(null);
    }
    useSyncStatus.getState().markSynced();
    return held.size === 0 && (await nothingToSend());
  }

  async function nothingToSend(): Promise<boolean> {
    return (await waitingCount(database)) === 0;
  }

  function run(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(retryTimer);
    again = false;
    cyclesBegun += 1;
    const number = cyclesBegun;
    running = cycle()
      .then((settled) => {
        // Another cycle may already be due (a stream event came): it does not make this one
        // less complete, or a busy site would keep every waiter waiting.
        if (settled) resolveWaitersBefore(number);
        else if (!again) retryLater();
      })
      .catch((error: unknown) => {
        // Stopped mid-cycle (the app closing, power cut): nothing to report, nothing lost.
        if (stopped || database.closed) return;
        note({ kind: 'error', collection: '', error });
        useSyncStatus
          .getState()
          .markFailed(codedErrorOf(error) ?? codedError('SERVER_UNREACHABLE'));
        retryLater();
      })
      .finally(() => {
        running = null;
        if (again) run();
      });
  }

  function resolveWaitersBefore(cycle: number): void {
    for (let index = waiters.length - 1; index >= 0; index -= 1) {
      const waiter = waiters[index];
      if (waiter && waiter.after < cycle) {
        waiters.splice(index, 1);
        waiter.resolve();
      }
    }
  }

  function retryLater(): void {
    if (stopped) return;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(run, RETRY_MS);
  }

  const localChanges = localChanges$.subscribe(() => run());
  const streams = COLLECTION_NAMES.map((name) => {
    const stream = readers.get(name)?.openStream<unknown>();
    stream?.events.subscribe(() => {
      pullDue = true;
      run();
    });
    return stream;
  });
  const syncNow = () => {
    pullDue = true;
    run();
  };
  const onOnline = () => {
    useSyncStatus.getState().setOnline(true);
    syncNow();
  };
  const onOffline = () => useSyncStatus.getState().setOnline(false);
  globalThis.addEventListener?.('online', onOnline);
  globalThis.addEventListener?.('offline', onOffline);
  // Binary data does not travel with the JSON records: it has its own upload.
  const blobs = options.blobs === undefined ? localBlobStore() : options.blobs;
  const blobUploads = blobs ? startBlobUpload({ baseUrl, store: blobs, tokens }) : null;
  run();

  return {
    blobUploads,
    journal,
    syncNow,
    awaitInSync: () =>
      new Promise<void>((resolve) => {
        waiters.push({ after: cyclesBegun, resolve });
        syncNow();
      }),
    stop: async () => {
      stopped = true;
      clearTimeout(retryTimer);
      globalThis.removeEventListener?.('online', onOnline);
      globalThis.removeEventListener?.('offline', onOffline);
      localChanges.unsubscribe();
      streams.forEach((stream) => stream?.close());
      if (sharedAccessTokens() === tokens) shareAccessTokens(undefined);
      await blobUploads?.stop();
      await running?.catch(() => undefined);
      journal.complete();
    },
  };
}

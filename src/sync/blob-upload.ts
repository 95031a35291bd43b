/**
 * Uploads the tablet's blobs (photos, signature images) one at a time to
 * PUT /api/v1/blobs/{sha256}, asking with HEAD first so nothing the server
 * holds is sent twice. A blob is marked uploaded only once the server says
 * it has it, and is never deleted here. Failures back off per blob, so one
 * refused blob never holds up the rest; coming online retries at once.
 */
import { create } from 'zustand';
import { codedError, type CodedError } from '../schema/index.js';
import { blobStore, type BlobStore, type StoredBlob } from '../db/blob-store.js';
import { httpBlobTransport, type BlobTransport } from './blob-upload-http.js';
import { SyncHttpError, type AccessTokenSource } from './sync-http.js';
import { useSyncStatus } from './sync-store.js';

export interface CurrentUpload {
  sha256: string;
  /** 1-based position in this round of uploads ("photo 2 of 5"). */
  number: number;
  of: number;
  bytesSent: number;
  bytesTotal: number;
}

export interface BlobUploadStatus {
  current: CurrentUpload | null;
  /** Blobs not yet confirmed by the server, as of the uploader's last look. */
  waiting: number;
  error: CodedError | null;
}

export const useBlobUploadStatus = create<BlobUploadStatus>(() => ({
  current: null,
  waiting: 0,
  error: null,
}));

export interface BlobUploaderOptions {
  baseUrl?: string;
  store?: BlobStore;
  transport?: BlobTransport;
  /** Signs the uploads in; the default transport sends them unsigned without it. */
  tokens?: AccessTokenSource;
  /** Backoff after a failed upload: doubles from firstMs up to maxMs. */
  retry?: { firstMs: number; maxMs: number };
}

export interface BlobUploader {
  /** Look for new blobs now (also happens on every change to the blob store). */
  wake(): void;
  /** Resolves once no blob waits for the server. */
  awaitUploaded(): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_RETRY = { firstMs: 2_000, maxMs: 60_000 };

/** The app's blob store, or none where there is no IndexedDB (the sync code under test in Node). */
export function localBlobStore(): BlobStore | null {
  return typeof indexedDB === 'undefined' ? null : blobStore();
}

export function startBlobUpload(options: BlobUploaderOptions = {}): BlobUploader {
  const store = options.store ?? blobStore();
  const transport = options.transport ?? httpBlobTransport(options.baseUrl ?? '', options.tokens);
  const retry = options.retry ?? DEFAULT_RETRY;
  const status = useBlobUploadStatus;
  const abort = new AbortController();
  const backoff = new Map<string, { failures: number; until: number }>();
  let idleWaiters: (() => void)[] = [];
  let woken = false;
  let wakeUp: (() => void) | null = null;

  const wake = () => {
    woken = true;
    wakeUp?.();
  };
  const sleep = (ms?: number) =>
    new Promise<void>((resolve) => {
      if (woken || abort.signal.aborted) return resolve();
      const timer = ms === undefined ? undefined : setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });

  const subscription = store.notUploadedCount$().subscribe({ next: wake, error: () => {} });
  const onOnline = () => {
    backoff.clear();
    wake();
  };
  globalThis.addEventListener?.('online', onOnline);

  async function uploadOne(blob: StoredBlob, number: number, of: number): Promise<void> {
    const current = { sha256: blob.sha256, number, of, bytesSent: 0, bytesTotal: blob.bytes };
    status.setState({ current });
    if (!(await transport.has(blob.sha256, abort.signal))) {
      await transport.put(blob, abort.signal, (bytesSent, bytesTotal) =>
        status.setState({ current: { ...current, bytesSent, bytesTotal } }),
      );
    }
    // Only now does the server hold it: the tablet may stop offering it.
    await store.markUploaded(blob.sha256);
    backoff.delete(blob.sha256);
    status.setState({ current: null, error: null });
  }

  function recordFailure(blob: StoredBlob, error: unknown): void {
    const failures = (backoff.get(blob.sha256)?.failures ?? 0) + 1;
    const delay = Math.min(retry.maxMs, retry.firstMs * 2 ** (failures - 1));
    backoff.set(blob.sha256, { failures, until: Date.now() + delay });
    const coded = error instanceof SyncHttpError ? error.coded : codedError('SERVER_UNREACHABLE');
    if (coded.code === 'PROTOCOL_OUTDATED') useSyncStatus.getState().markFailed(coded);
    status.setState({ current: null, error: coded });
  }

  async function run(): Promise<void> {
    let doneThisRound = 0;
    while (!abort.signal.aborted) {
      woken = false;
      const waiting = await store.notUploaded();
      status.setState({ waiting: waiting.length });
      if (waiting.length === 0) {
        doneThisRound = 0;
        idleWaiters.forEach((resolve) => resolve());
        idleWaiters = [];
        await sleep();
        continue;
      }
      const now = Date.now();
      const next = waiting.find((blob) => (backoff.get(blob.sha256)?.until ?? 0) <= now);
      if (!next) {
        const soonest = Math.min(...waiting.map((blob) => backoff.get(blob.sha256)?.until ?? now));
        await sleep(Math.max(0, soonest - now));
        continue;
      }
      try {
        await uploadOne(next, doneThisRound + 1, doneThisRound + waiting.length);
        doneThisRound += 1;
      } catch (error) {
        if (abort.signal.aborted) break;
        recordFailure(next, error);
      }
    }
  }

  const running = run().catch((error: unknown) => {
    // Only the local blob store can fail here (IndexedDB gone): say so, do not crash the app.
    console.error('blob upload stopped', error);
    status.setState({ current: null, error: codedError('LOCAL_SAVE_FAILED') });
  });

  return {
    wake,
    awaitUploaded: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        wake();
      }),
    async stop() {
      abort.abort();
      wakeUp?.();
      subscription.unsubscribe();
      globalThis.removeEventListener?.('online', onOnline);
      await running;
      status.setState({ current: null });
    },
  };
}

import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { EventSource } from 'eventsource';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobStore, type StoredBlob } from '../../src/db/blob-store.js';
import { createDatabase, type LaneDatabase } from '../../src/db/create-database.js';
import { addPhoto, loadPhotoBlob, type PhotoTarget } from '../../src/features/photos/index.js';
import type { ReducedPhoto } from '../../src/features/photos/reduce-photo.js';
import {
  startBlobUpload,
  useBlobUploadStatus,
  type BlobUploader,
} from '../../src/sync/blob-upload.js';
import { httpBlobTransport, type BlobTransport } from '../../src/sync/blob-upload-http.js';
import { startSync, type SyncController } from '../../src/sync/replication.js';
import { SyncHttpError, type AccessTokenSource } from '../../src/sync/sync-http.js';
import {
  API_BASE,
  DEMO_SITE,
  codedError,
  type Photo,
  type PullResponse,
} from '../../src/schema/index.js';
import { advisorLogin, staticTokens } from './helpers/auth.js';
import { signedHeaders, syncUrl } from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

globalThis.EventSource ??= EventSource as unknown as typeof globalThis.EventSource;

/**
 * The app's own photo and blob code in Node: photos saved by addPhoto, blobs
 * in the Dexie blob store (over fake-indexeddb), uploaded by the sync's blob
 * uploader to a real server. Photo reduction needs a canvas: the e2e covers it.
 */
const advisor = { username: 'advisor1', siteId: DEMO_SITE.id };
const target: PhotoTarget = { orderId: 'order-0001', subject: 'damage', subjectRef: 'mark-0001' };
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const fixture = (name: string) => readFile(new URL(`../fixtures/images/${name}`, import.meta.url));

/** The photo as the canvas would leave it: already small, so kept as it is. */
function keepAsIs(width: number, height: number) {
  return async (file: Blob): Promise<ReducedPhoto> => ({
    blob: new Blob([await file.arrayBuffer()], { type: 'image/jpeg' }),
    width,
    height,
    mimeType: 'image/jpeg',
  });
}

async function until<T>(read: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let counter = 0;
class Tablet {
  sync: SyncController | null = null;
  private constructor(
    readonly database: LaneDatabase,
    readonly blobs: BlobStore,
  ) {}

  static async open(): Promise<Tablet> {
    counter += 1;
    const name = `blob-tablet-${process.pid}-${counter}-${Date.now()}`;
    const database = await createDatabase({ name });
    return new Tablet(database, new BlobStore(`${name}-blobs`));
  }

  startSync(baseUrl: string, tokens: AccessTokenSource): SyncController {
    this.sync = startSync(this.database, baseUrl, { blobs: this.blobs, tokens });
    return this.sync;
  }

  async close(): Promise<void> {
    if (this.database.closed) return;
    await this.sync?.stop();
    await this.database.close();
    this.blobs.close();
  }
}

/** Counts calls and can fail the first PUTs, as a flaky lane Wi-Fi does. */
function watchedTransport(real: BlobTransport, failFirstPuts = 0) {
  const calls = { has: 0, put: 0 };
  const transport: BlobTransport = {
    has: (hash, signal) => {
      calls.has += 1;
      return real.has(hash, signal);
    },
    put: (blob, signal, onProgress) => {
      calls.put += 1;
      if (calls.put <= failFirstPuts) {
        return Promise.reject(new SyncHttpError(0, codedError('SERVER_UNREACHABLE')));
      }
      return real.put(blob, signal, onProgress);
    },
  };
  return { transport, calls };
}

describe('photos from the tablet to the server', () => {
  let server: TestServer;
  const tablets: Tablet[] = [];
  const uploaders: BlobUploader[] = [];
  /** The demo advisor's sign-in, as the session feature would hand it to sync. */
  let tokens: AccessTokenSource;
  let signed: Record<string, string>;
  const head = async (hash: string) =>
    (
      await fetch(`${server.baseUrl}${API_BASE}/blobs/${hash}`, {
        method: 'HEAD',
        headers: signed,
      })
    ).status;

  beforeEach(async () => {
    server = await startTestServer();
    tokens = staticTokens(await advisorLogin(server.baseUrl));
    signed = await signedHeaders(server.baseUrl);
  });
  afterEach(async () => {
    await Promise.all(uploaders.splice(0).map((uploader) => uploader.stop()));
    await Promise.all(tablets.splice(0).map((tablet) => tablet.close()));
    await server.stop();
  });

  async function openTablet(): Promise<Tablet> {
    const tablet = await Tablet.open();
    tablets.push(tablet);
    return tablet;
  }

  it('advisor photographs a damage offline; online, photo and bytes reach the server and a second tablet', async () => {
    const bytes = await fixture('gradient-800x600.jpg');
    const first = await openTablet();
    const photo = await addPhoto(first.database, advisor, new Blob([bytes]), target, {
      reduce: keepAsIs(800, 600),
      blobs: first.blobs,
    });
    expect(photo).toMatchObject({
      id: sha256(bytes),
      orderId: target.orderId,
      subject: 'damage',
      subjectRef: 'mark-0001',
      mimeType: 'image/jpeg',
      width: 800,
      height: 600,
      bytes: bytes.length,
      createdBy: 'advisor1',
    });
    expect(photo.updatedAt).toBe(photo.createdAt);
    expect(await first.blobs.notUploaded()).toHaveLength(1);

    const sync = first.startSync(server.baseUrl, tokens);
    await sync.awaitInSync();
    await sync.blobUploads?.awaitUploaded();
    expect(await head(photo.id)).toBe(200);
    expect(await first.blobs.notUploaded()).toEqual([]);
    expect(await first.blobs.get(photo.id)).toBeDefined(); // kept on the tablet
    const pulled = (await (
      await fetch(syncUrl(server.baseUrl, 'pull', 'photos'), { headers: signed })
    ).json()) as PullResponse<Photo>;
    expect(pulled.documents.map((document) => document.id)).toEqual([photo.id]);

    // The second tablet gets the metadata by sync and the bytes from the server. One app
    // open at a time, as on a tablet.
    await first.close();
    const second = await openTablet();
    second.startSync(server.baseUrl, tokens);
    await until(() => second.database.records.photos.findOne(photo.id).exec());
    // Signed in with the running sync's tokens: the server refuses blobs to strangers.
    const shown = await loadPhotoBlob(photo.id, { baseUrl: server.baseUrl, blobs: second.blobs });
    expect(sha256(Buffer.from(await (shown as Blob).arrayBuffer()))).toBe(photo.id);
    expect((await second.blobs.get(photo.id))?.uploadedAt).toBeGreaterThan(0);
  });

  it('adding the same photo twice keeps one photo and one blob', async () => {
    const bytes = await fixture('portrait-1500x2000.jpg');
    const tablet = await openTablet();
    const options = { reduce: keepAsIs(1200, 1600), blobs: tablet.blobs };
    const [once, twice] = await Promise.all([
      addPhoto(tablet.database, advisor, new Blob([bytes]), target, options),
      addPhoto(tablet.database, advisor, new Blob([bytes]), target, options),
    ]);
    const thrice = await addPhoto(tablet.database, advisor, new Blob([bytes]), target, options);
    expect(twice).toEqual(once);
    expect(thrice).toEqual(once);
    expect(await tablet.database.records.photos.count().exec()).toBe(1);
    expect(await tablet.blobs.notUploaded()).toHaveLength(1);
  });

  it('a new photo counts as a change not yet on server until pushed', async () => {
    const tablet = await openTablet();
    await addPhoto(
      tablet.database,
      advisor,
      new Blob([await fixture('gradient-800x600.jpg')]),
      target,
      {
        reduce: keepAsIs(800, 600),
        blobs: tablet.blobs,
      },
    );
    expect(await tablet.database.laneStore.mutations.count()).toBe(1);
  });

  it('keeps the blob until the server confirms it, retrying after failed uploads', async () => {
    const tablet = await openTablet();
    const stored = await tablet.blobs.put(
      new Blob([await fixture('gradient-800x600.jpg')], { type: 'image/jpeg' }),
    );
    const { transport, calls } = watchedTransport(httpBlobTransport(server.baseUrl, tokens), 2);
    const uploader = startBlobUpload({
      store: tablet.blobs,
      transport,
      retry: { firstMs: 20, maxMs: 40 },
    });
    uploaders.push(uploader);
    await until(async () => calls.put >= 1);
    expect(await tablet.blobs.notUploaded()).toHaveLength(1);
    await uploader.awaitUploaded();
    expect(calls.put).toBe(3);
    expect(await head(stored.sha256)).toBe(200);
    expect((await tablet.blobs.get(stored.sha256))?.uploadedAt).toBeGreaterThan(0);
    expect(useBlobUploadStatus.getState()).toMatchObject({
      current: null,
      waiting: 0,
      error: null,
    });
  });

  it('asks first and sends nothing the server already holds', async () => {
    const bytes = await fixture('signature-64x32.png');
    await fetch(`${server.baseUrl}${API_BASE}/blobs/${sha256(bytes)}`, {
      method: 'PUT',
      headers: { ...signed, 'content-type': 'image/png' },
      body: new Uint8Array(bytes),
    });
    const tablet = await openTablet();
    await tablet.blobs.put(new Blob([bytes], { type: 'image/png' }));
    const { transport, calls } = watchedTransport(httpBlobTransport(server.baseUrl, tokens));
    const uploader = startBlobUpload({ store: tablet.blobs, transport });
    uploaders.push(uploader);
    await uploader.awaitUploaded();
    expect(calls).toEqual({ has: 1, put: 0 });
    expect(await tablet.blobs.notUploaded()).toEqual([]);
  });

  it('a blob the server refuses does not hold up the others, and stays on the tablet', async () => {
    const tablet = await openTablet();
    const refused = await tablet.blobs.put(new Blob(['not an image'], { type: 'text/plain' }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const photo = await tablet.blobs.put(
      new Blob([await fixture('gradient-800x600.jpg')], { type: 'image/jpeg' }),
    );
    const uploader = startBlobUpload({
      store: tablet.blobs,
      baseUrl: server.baseUrl,
      tokens,
      retry: { firstMs: 60_000, maxMs: 60_000 },
    });
    uploaders.push(uploader);
    const errors: string[] = [];
    const unsubscribe = useBlobUploadStatus.subscribe(
      (status) => status.error && errors.push(status.error.code),
    );
    await until(async () => (await tablet.blobs.get(photo.sha256))?.uploadedAt);
    unsubscribe();
    const waiting: StoredBlob[] = await tablet.blobs.notUploaded();
    expect(waiting.map((blob) => blob.sha256)).toEqual([refused.sha256]);
    expect(errors).toContain('BLOB_TYPE_UNSUPPORTED');
    expect(await head(refused.sha256)).toBe(404);
  });
});

import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom, filter } from 'rxjs';
import { BlobStore } from '../../src/db/blob-store.js';
import { sha256Hex } from '../../src/schema/index.js';

let counter = 0;
const stores: BlobStore[] = [];
function freshStore(): BlobStore {
  counter += 1;
  const store = new BlobStore(`photo-blob-store-test-${counter}`);
  stores.push(store);
  return store;
}
const jpeg = (...bytes: number[]) =>
  new Blob([new Uint8Array([0xff, 0xd8, 0xff, ...bytes])], { type: 'image/jpeg' });

afterEach(() => stores.splice(0).forEach((store) => store.close()));

describe('the tablet blob store', () => {
  it('keeps bytes under their SHA-256, with type and size', async () => {
    const store = freshStore();
    const blob = jpeg(1, 2, 3);
    const stored = await store.put(blob);
    expect(stored.sha256).toBe(await sha256Hex(new Uint8Array(await blob.arrayBuffer())));
    expect(stored).toMatchObject({ mimeType: 'image/jpeg', bytes: 6, uploadedAt: 0 });
    const read = await store.get(stored.sha256);
    expect(new Uint8Array(await (read?.blob as Blob).arrayBuffer())).toEqual(
      new Uint8Array(await blob.arrayBuffer()),
    );
  });

  it('stores the same bytes once, however often they are put', async () => {
    const store = freshStore();
    const first = await store.put(jpeg(7));
    await store.markUploaded(first.sha256);
    const again = await store.put(jpeg(7));
    expect(again.sha256).toBe(first.sha256);
    expect(again.uploadedAt).toBeGreaterThan(0); // not reset to "not uploaded"
    expect(await store.notUploaded()).toEqual([]);
  });

  it('lists what the server does not have, oldest first, until each is confirmed', async () => {
    const store = freshStore();
    const first = await store.put(jpeg(1));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await store.put(jpeg(2));
    expect((await store.notUploaded()).map((blob) => blob.sha256)).toEqual([
      first.sha256,
      second.sha256,
    ]);
    await store.markUploaded(first.sha256);
    expect((await store.notUploaded()).map((blob) => blob.sha256)).toEqual([second.sha256]);
    // Confirmed blobs stay on the tablet.
    expect(await store.get(first.sha256)).toBeDefined();
  });

  it('counts blobs waiting for the server, live', async () => {
    const store = freshStore();
    const count$ = store.notUploadedCount$();
    expect(await firstValueFrom(count$)).toBe(0);
    const stored = await store.put(jpeg(9));
    expect(await firstValueFrom(count$.pipe(filter((count) => count === 1)))).toBe(1);
    await store.markUploaded(stored.sha256);
    expect(await firstValueFrom(count$.pipe(filter((count) => count === 0)))).toBe(0);
  });

  it('keeps bytes from the server only when they match the hash asked for', async () => {
    const store = freshStore();
    const blob = jpeg(4, 5);
    const sha256 = await sha256Hex(new Uint8Array(await blob.arrayBuffer()));
    expect(await store.putFromServer(jpeg(6), sha256)).toBeNull();
    expect(await store.get(sha256)).toBeUndefined();
    const kept = await store.putFromServer(blob, sha256);
    expect(kept?.uploadedAt).toBeGreaterThan(0);
    expect(await store.notUploaded()).toEqual([]);
  });
});

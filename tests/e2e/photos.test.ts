import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  API_BASE,
  PHOTO_LIMITS,
  PROTOCOL_HEADER,
  SYNC_PROTOCOL_VERSION,
  type Photo,
} from '../../src/schema/index.js';
import { apiSignIn } from './support/api-sign-in.js';
import { launchChromium, newTablet, watchErrors } from './support/browser.js';
import { ProductServer } from './support/product-server.js';
import {
  addPhoto,
  photoThumbnails,
  photoUploadStatus,
  pickPhotoFile,
} from './support/page-models/photo-steps.js';
import { buildPhotoHarness } from './photo-harness/build-harness.js';

/**
 * Photos in real Chromium: reduction on a real canvas, the Dexie blob store,
 * upload with progress, and a second tablet showing a photo it did not take.
 * Runs on a harness page with the photos feature alone (photo-harness/), since
 * the check-in screens that will hold the picker are built in parallel.
 */

/** Width and height from a JPEG's start-of-frame segment. */
function jpegSize(bytes: Buffer): { width: number; height: number } {
  for (let offset = 2; offset < bytes.length;) {
    const marker = bytes[offset + 1] ?? 0;
    const length = bytes.readUInt16BE(offset + 2);
    if (marker >= 0xc0 && marker <= 0xc3) {
      return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    }
    offset += 2 + length;
  }
  throw new Error('no JPEG frame found');
}

async function addedPhotos(page: Page): Promise<Photo[]> {
  return page.evaluate(() => window.photoHarness?.added ?? []);
}

describe('photos on the tablet', () => {
  let server: ProductServer;
  let browser: Browser;
  let tablet: BrowserContext;
  let page: Page;
  let errors: string[];
  /** A signed-in reader's headers: the blob endpoints need a token. */
  let reader: Record<string, string>;

  const blobUrl = (sha256: string) => `${server.url}${API_BASE}/blobs/${sha256}`;
  async function serverBytes(sha256: string): Promise<Buffer | null> {
    const response = await fetch(blobUrl(sha256), { headers: reader });
    return response.ok ? Buffer.from(await response.arrayBuffer()) : null;
  }
  async function untilOnServer(sha256: string): Promise<Buffer> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const bytes = await serverBytes(sha256);
      if (bytes) return bytes;
      if (Date.now() > deadline) throw new Error(`blob ${sha256} not on the server in time`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  beforeAll(async () => {
    server = await ProductServer.start({ staticDir: await buildPhotoHarness() });
    reader = {
      [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
      ...(await apiSignIn(server.url)),
    };
    browser = await launchChromium();
    tablet = await newTablet(browser);
    page = await tablet.newPage();
    errors = watchErrors(page);
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Add photo' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('advisor photographs a 4000×3000 damage: it is reduced to 1600×1200 and reaches the server', async () => {
    await addPhoto(page, 'gradient-4000x3000.jpg');
    const [photo] = await addedPhotos(page);
    expect(photo).toMatchObject({ width: 1600, height: 1200, mimeType: 'image/jpeg' });
    expect(photo?.bytes).toBeLessThanOrEqual(PHOTO_LIMITS.maxBytes);
    await photoThumbnails(page).first().waitFor();
    expect(await photoThumbnails(page).count()).toBe(1);

    const bytes = await untilOnServer(photo?.id ?? '');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(photo?.id);
    expect(jpegSize(bytes)).toEqual({ width: 1600, height: 1200 });
    // All uploaded: the header indicator disappears.
    await photoUploadStatus(page).waitFor({ state: 'detached', timeout: 20_000 });
  });

  it('keeps portrait photos upright and small photos as they are', async () => {
    await addPhoto(page, 'portrait-1500x2000.jpg');
    await addPhoto(page, 'exif-rotated-200x400.jpg');
    const [, portrait, rotated] = await addedPhotos(page);
    expect(portrait).toMatchObject({ width: 1200, height: 1600 });
    // Stored 400×200 with EXIF "rotate 90°": the photo is kept the way it was held.
    expect(rotated).toMatchObject({ width: 200, height: 400 });
    await photoThumbnails(page).nth(2).waitFor();
  });

  it('adding the same photo again gives the same photo, not a copy', async () => {
    await addPhoto(page, 'portrait-1500x2000.jpg');
    const added = await addedPhotos(page);
    expect(added.at(-1)?.id).toBe(added[1]?.id);
    expect(await photoThumbnails(page).count()).toBe(3);
  });

  it('a file that is no photo is refused with a message, and nothing is saved', async () => {
    await pickPhotoFile(page, {
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not a photo'),
    });
    await page.getByText('Photo not added').waitFor();
    expect(await addedPhotos(page)).toHaveLength(4);
  });

  it('offline, the photo waits on the tablet; back online, it uploads by itself', async () => {
    await tablet.setOffline(true);
    await addPhoto(page, 'gradient-800x600.jpg');
    const photo = (await addedPhotos(page)).at(-1) as Photo;
    expect(photo).toMatchObject({ width: 800, height: 600 });
    await photoUploadStatus(page).filter({ hasText: '1 photo not yet on server' }).waitFor();
    await page.getByText('Not sent yet', { exact: true }).waitFor();
    expect(await serverBytes(photo.id)).toBeNull();

    await tablet.setOffline(false);
    await untilOnServer(photo.id);
    await photoUploadStatus(page).waitFor({ state: 'detached', timeout: 20_000 });
    await page.getByText('Not sent yet', { exact: true }).waitFor({ state: 'detached' });
  });

  it('on a slow network the header shows which photo is uploading and how far it is', async () => {
    await tablet.setOffline(true);
    await addPhoto(page, 'bumper-1600x1200.jpg');
    await addPhoto(page, 'wheel-1200x1200.jpg');
    await photoUploadStatus(page).filter({ hasText: '2 photos not yet on server' }).waitFor();

    // About 20 KB/s upstream: a lane at the edge of the dealer's Wi-Fi.
    const network = await tablet.newCDPSession(page);
    await network.send('Network.enable');
    await network.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 20 * 1024,
    });
    await tablet.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await photoUploadStatus(page)
      .filter({ hasText: /^Uploading photo 1 of 2 · \d+%$/ })
      .waitFor({ timeout: 20_000 });
    await photoUploadStatus(page)
      .filter({ hasText: /^Uploading photo 2 of 2 · \d+%$/ })
      .waitFor({ timeout: 30_000 });
    await photoUploadStatus(page).waitFor({ state: 'detached', timeout: 30_000 });
    await network.detach();
  });

  it('a second tablet shows the photos it did not take, fetched from the server', async () => {
    const second = await newTablet(browser);
    const secondPage = await second.newPage();
    const secondErrors = watchErrors(secondPage);
    await secondPage.goto(server.url);
    await photoThumbnails(secondPage).nth(5).waitFor({ timeout: 20_000 });
    expect(await photoThumbnails(secondPage).count()).toBe(6);
    const widths = await photoThumbnails(secondPage).evaluateAll((images) =>
      Promise.all(
        (images as HTMLImageElement[]).map(async (image) => {
          await image.decode();
          return image.naturalWidth;
        }),
      ),
    );
    expect(widths.sort((a, b) => a - b)).toEqual([200, 800, 1200, 1200, 1600, 1600]);
    expect(secondErrors).toEqual([]);
    await second.close();
    expect(errors).toEqual([]);
  });
});

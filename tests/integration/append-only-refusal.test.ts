import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refusedEntries$ } from '../../src/db/outbox.js';
import { insertRecords } from '../../src/db/record-writes.js';
import {
  codedError,
  type Photo,
  type PullResponse,
  type PushResponse,
  type PushRow,
} from '../../src/schema/index.js';
import { makePhoto } from '../factories/photo.js';
import { makeWorkshopOrder } from '../factories/workshop.js';
import { AppTablet } from './helpers/app-tablet.js';
import { signedHeaders, syncUrl } from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * Append-only records (photos here; signatures, sign-offs, approvals and
 * rework records share the rule): written once, a changed copy is refused
 * with RECORD_APPEND_ONLY, never merged and never written.
 */

type WirePhoto = Photo & { _deleted: boolean };
const wire = (photo: Photo): WirePhoto => ({ ...photo, _deleted: false });

describe('an append-only record changed after it was written', () => {
  let server: TestServer;
  const orderId = makeWorkshopOrder().id;

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => server.stop());

  async function pushPhotos(rows: PushRow<Photo>[]): Promise<PushResponse<Photo>> {
    const response = await fetch(syncUrl(server.baseUrl, 'push', 'photos'), {
      method: 'POST',
      headers: await signedHeaders(server.baseUrl),
      body: JSON.stringify(rows),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as PushResponse<Photo>;
  }

  async function serverPhotos(): Promise<{ documents: WirePhoto[]; sequence: number }> {
    const response = await fetch(`${syncUrl(server.baseUrl, 'pull', 'photos')}?limit=500`, {
      headers: await signedHeaders(server.baseUrl),
    });
    const page = (await response.json()) as PullResponse<WirePhoto>;
    return { documents: page.documents, sequence: page.checkpoint?.sequence ?? 0 };
  }

  it('is refused with RECORD_APPEND_ONLY, the stored copy stands, the rest of the batch is kept', async () => {
    const original = wire(makePhoto(orderId));
    expect(await pushPhotos([{ newDocumentState: original }])).toEqual({
      conflicts: [],
      rejected: [],
    });
    const changed = {
      ...original,
      subjectRef: 'mark-rear-right',
      updatedAt: original.updatedAt + 1,
    };
    const another = wire(makePhoto(orderId));

    const response = await pushPhotos([
      { newDocumentState: changed, assumedMasterState: original },
      { newDocumentState: another },
    ]);

    expect(response).toEqual({
      conflicts: [],
      rejected: [{ id: original.id, ...codedError('RECORD_APPEND_ONLY') }],
    });
    expect((await serverPhotos()).documents).toEqual([original, another]);
  });

  it('is refused even when the tablet never saw the stored copy', async () => {
    const original = wire(makePhoto(orderId));
    await pushPhotos([{ newDocumentState: original }]);
    const response = await pushPhotos([
      { newDocumentState: { ...original, width: 640, height: 480 } },
    ]);
    expect(response.rejected.map(({ code }) => code)).toEqual(['RECORD_APPEND_ONLY']);
    expect((await serverPhotos()).documents).toEqual([original]);
  });

  it('an identical resend is still accepted and writes nothing', async () => {
    const original = wire(makePhoto(orderId));
    await pushPhotos([{ newDocumentState: original }]);
    const before = await serverPhotos();
    expect(await pushPhotos([{ newDocumentState: original, assumedMasterState: null }])).toEqual({
      conflicts: [],
      rejected: [],
    });
    expect(await serverPhotos()).toEqual(before);
  });

  // Not checked here: which copy the tablet shows afterwards. Today the pull that follows the
  // refused push replaces the tablet's copy with the server's (reported with issue 5).
  it('on a tablet holding a different copy: shown refused with the code, the server copy stands', async () => {
    const original = wire(makePhoto(orderId));
    await pushPhotos([{ newDocumentState: original }]);
    // The tablet made "the same" record offline, before it ever saw the server's.
    const tablet = await AppTablet.start(server.baseUrl, { online: false });
    try {
      const local = { ...original, subjectRef: 'mark-rear-right' } as Photo & {
        _deleted?: boolean;
      };
      delete local._deleted;
      await insertRecords(tablet.database, 'photos', [local]);
      tablet.goOnline();
      await tablet.settle();

      const refused = await firstValueFrom(refusedEntries$(tablet.database));
      expect(refused.map(({ documentId, refusedCode }) => [documentId, refusedCode])).toEqual([
        [original.id, 'RECORD_APPEND_ONLY'],
      ]);
      expect((await serverPhotos()).documents).toEqual([original]);
    } finally {
      await tablet.close();
    }
  });
});

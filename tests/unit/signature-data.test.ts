import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { giveFreshRecordSigner } from '../../src/features/session/index.js';
import { createDatabase, type LaneDatabase } from '../../src/db/create-database.js';
import { mutationsOf } from '../../src/db/outbox.js';
import { sha256Hex, SIGNATURE_LIMITS } from '../../src/schema/index.js';
import { signCheckIn, type SignatureImageStore } from '../../src/features/signatures/data.js';
import { makePng, photoHash } from './signature-fixtures.js';

const advisor = { username: 'advisor1', siteId: 'demo-site' };

/** The blob store's contract (content-addressed put) without IndexedDB. */
function memoryImages(): SignatureImageStore & { stored: Map<string, Blob> } {
  const stored = new Map<string, Blob>();
  return {
    stored,
    async put(blob) {
      const sha256 = await sha256Hex(new Uint8Array(await blob.arrayBuffer()));
      stored.set(sha256, blob);
      return { sha256 };
    },
  };
}

let database: LaneDatabase;
beforeEach(async () => {
  // The advisor countersigns every signature record with their own unlocked key.
  await giveFreshRecordSigner(advisor);
  database = await createDatabase({
    name: `signatures-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
  });
});
afterEach(async () => {
  await database.close();
});

describe('the customer signs the repair order on the tablet', () => {
  it('stores an append-only signature with its image hash and queues it for the server', async () => {
    const images = memoryImages();
    const png = new Blob([makePng() as BlobPart], { type: 'image/png' });
    const signature = await signCheckIn(
      database,
      advisor,
      {
        orderId: 'order-0001',
        signerName: '  张伟 ',
        strokes: [[0.1, 0.2, 0.4, 0.5]],
        png,
        contentHash: photoHash('1'),
        supersedes: '',
      },
      images,
      1_700_000_000_000,
    );
    expect(signature).toMatchObject({
      orderId: 'order-0001',
      purpose: 'check-in',
      subjectRef: '',
      signerName: '张伟',
      contentHash: photoHash('1'),
      signedAt: 1_700_000_000_000,
      createdAt: 1_700_000_000_000,
      updatedAt: 1_700_000_000_000,
      createdBy: 'advisor1',
      supersedes: '',
    });
    expect(images.stored.has(signature.imageId)).toBe(true);
    expect(signature.imageId).toBe(await sha256Hex(makePng()));
    expect(await database.records.signatures.findOne(signature.id).exec()).not.toBeNull();
    expect(await mutationsOf(database, 'signatures', signature.id)).not.toEqual([]);
  });

  it('signs again with a new record that supersedes the old one, which stays as it was', async () => {
    const images = memoryImages();
    const input = {
      orderId: 'order-0002',
      signerName: '张伟',
      strokes: [[0.1, 0.2, 0.4, 0.5]],
      png: new Blob([makePng() as BlobPart], { type: 'image/png' }),
      contentHash: photoHash('1'),
      supersedes: '',
    };
    const first = await signCheckIn(database, advisor, input, images);
    const second = await signCheckIn(
      database,
      advisor,
      { ...input, contentHash: photoHash('2'), supersedes: first.id },
      images,
    );
    expect(second.supersedes).toBe(first.id);
    const stored = await database.records.signatures
      .find({ selector: { orderId: 'order-0002' } })
      .exec();
    expect(stored).toHaveLength(2);
    expect(stored.find((doc) => doc.id === first.id)?.contentHash).toBe(photoHash('1'));
  });

  it('fits an over-long signature to the limits before storing it', async () => {
    const strokes = Array.from({ length: 80 }, (_unused, index) =>
      Array.from({ length: 1_000 }, (_point, at) => ((at * 7 + index) % 1_000) / 1_000),
    );
    const signature = await signCheckIn(
      database,
      advisor,
      {
        orderId: 'order-0003',
        signerName: '张伟',
        strokes,
        png: new Blob([makePng() as BlobPart], { type: 'image/png' }),
        contentHash: photoHash('1'),
        supersedes: '',
      },
      memoryImages(),
    );
    expect(signature.strokes.length).toBeLessThanOrEqual(SIGNATURE_LIMITS.strokes);
    for (const stroke of signature.strokes)
      expect(stroke.length).toBeLessThanOrEqual(SIGNATURE_LIMITS.coordinatesPerStroke);
  });
});

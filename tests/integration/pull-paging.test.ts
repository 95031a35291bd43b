import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/schema/index.js';
import { makeRepairOrder } from '../factories/repair-order.js';
import { pullAll, pullPage, pushRows, toWire, type WireOrder } from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

describe('pulling by checkpoint', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(() => server.stop());

  it('pull in pages by checkpoint returns every document exactly once while writes continue', async () => {
    const initial = Array.from({ length: 300 }, () => toWire(makeRepairOrder()));
    for (let start = 0; start < initial.length; start += 100) {
      await pushRows(
        server.baseUrl,
        initial.slice(start, start + 100).map((doc) => ({ newDocumentState: doc })),
      );
    }
    // The writer is the only other client, so it knows each document's master state.
    const masters = new Map(initial.map((doc) => [doc.id, doc]));

    let writing = true;
    const writer = (async () => {
      for (let round = 0; round < 20; round++) {
        const ids = [...masters.keys()];
        const rows = [];
        for (let i = 0; i < 5; i++) {
          const id = ids[(round * 37 + i * 53) % ids.length] as string;
          const before = masters.get(id) as WireOrder;
          const after = { ...before, odometerKm: round * 10 + i, updatedAt: Date.now() };
          rows.push({ newDocumentState: after, assumedMasterState: before });
          masters.set(id, after);
        }
        for (let i = 0; i < 3; i++) {
          const created = toWire(makeRepairOrder());
          rows.push({ newDocumentState: created });
          masters.set(created.id, created);
        }
        const { conflicts } = await pushRows(server.baseUrl, rows);
        expect(conflicts).toEqual([]);
      }
      writing = false;
    })();

    // Every write changes a document's content, so seeing the same (id, content)
    // twice would mean one write was delivered twice.
    const deliveries = new Set<string>();
    const latestSeen = new Map<string, string>();
    let checkpoint: number | undefined;
    let pagesDuringWrites = 0;
    for (;;) {
      const writerWasDone = !writing;
      if (!writerWasDone) pagesDuringWrites += 1;
      const page = await pullPage(server.baseUrl, checkpoint, 25);
      for (const doc of page.documents) {
        const content = canonicalJson(doc);
        expect(deliveries.has(content), `delivered twice: ${doc.id}`).toBe(false);
        deliveries.add(content);
        latestSeen.set(doc.id, content);
      }
      const next = page.checkpoint?.sequence;
      if (page.documents.length > 0) expect(next).toBeGreaterThan(checkpoint ?? 0);
      else expect(next).toBe(checkpoint);
      checkpoint = next;
      if (writerWasDone && page.documents.length === 0) break;
    }
    await writer;
    expect(pagesDuringWrites).toBeGreaterThan(1);

    const onServer = await pullAll(server.baseUrl);
    const expected = new Map(onServer.documents.map((doc) => [doc.id, canonicalJson(doc)]));
    expect(expected.size).toBe(300 + 20 * 3);
    expect(latestSeen).toEqual(expected);
    const writerView = new Map([...masters.values()].map((doc) => [doc.id, canonicalJson(doc)]));
    expect(writerView).toEqual(expected);
  });
});

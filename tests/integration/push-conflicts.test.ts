import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeRepairOrder } from '../factories/repair-order.js';
import { pullAll, pushRows, toWire } from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

describe('pushing changes', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(() => server.stop());

  it('a stale assumedMasterState comes back as a conflict and nothing is overwritten', async () => {
    const original = toWire(makeRepairOrder({ status: 'checked-in' }));
    await pushRows(server.baseUrl, [{ newDocumentState: original }]);
    const advisorEdit = { ...original, concern: '刹车异响,另加检查空调。', updatedBy: 'advisor1' };
    expect(
      await pushRows(server.baseUrl, [
        { newDocumentState: advisorEdit, assumedMasterState: original },
      ]),
    ).toEqual({ conflicts: [], rejected: [] });
    const before = await pullAll(server.baseUrl);

    // A second tablet still believes the original is the master.
    const technicianEdit = { ...original, status: 'in-workshop' as const, updatedBy: 'tech1' };
    const response = await pushRows(server.baseUrl, [
      { newDocumentState: technicianEdit, assumedMasterState: original },
    ]);

    expect(response.conflicts).toEqual([advisorEdit]);
    expect(await pullAll(server.baseUrl)).toEqual(before);
  });

  it('a new document pushed over an existing one without assumedMasterState is a conflict', async () => {
    const order = toWire(makeRepairOrder());
    await pushRows(server.baseUrl, [{ newDocumentState: order }]);
    const rival = { ...order, concern: '另一台平板的内容' };

    const response = await pushRows(server.baseUrl, [{ newDocumentState: rival }]);

    expect(response.conflicts).toEqual([order]);
    expect((await pullAll(server.baseUrl)).documents).toEqual([order]);
  });

  it('the rest of a batch is written when one row conflicts', async () => {
    const existing = toWire(makeRepairOrder());
    await pushRows(server.baseUrl, [{ newDocumentState: existing }]);
    const fresh = toWire(makeRepairOrder());
    const stale = { ...existing, status: 'ready' as const };

    const response = await pushRows(server.baseUrl, [
      { newDocumentState: stale, assumedMasterState: { ...existing, status: 'draft' } },
      { newDocumentState: fresh },
    ]);

    expect(response.conflicts).toEqual([existing]);
    expect((await pullAll(server.baseUrl)).documents).toEqual([existing, fresh]);
  });

  it('the same push sent twice changes nothing the second time', async () => {
    const order = toWire(makeRepairOrder());
    const edited = { ...order, fuelEighths: 7 };
    const push = [{ newDocumentState: edited, assumedMasterState: order }];
    await pushRows(server.baseUrl, [{ newDocumentState: order }]);
    expect(await pushRows(server.baseUrl, push)).toEqual({ conflicts: [], rejected: [] });
    const afterFirst = await pullAll(server.baseUrl);

    // The tablet never saw the first answer (say the connection dropped) and resends.
    expect(await pushRows(server.baseUrl, push)).toEqual({ conflicts: [], rejected: [] });

    const afterSecond = await pullAll(server.baseUrl);
    expect(afterSecond).toEqual(afterFirst);
    expect(afterSecond.last).toBe(2);
  });

  it('a push assuming a master the server does not have is written', async () => {
    const order = toWire(makeRepairOrder());
    const response = await pushRows(server.baseUrl, [
      { newDocumentState: { ...order, status: 'ready' }, assumedMasterState: order },
    ]);
    expect(response.conflicts).toEqual([]);
    expect((await pullAll(server.baseUrl)).documents).toEqual([{ ...order, status: 'ready' }]);
  });

  it('a deletion travels as a write with _deleted true', async () => {
    const order = toWire(makeRepairOrder());
    await pushRows(server.baseUrl, [{ newDocumentState: order }]);
    const deleted = { ...order, _deleted: true };
    await pushRows(server.baseUrl, [{ newDocumentState: deleted, assumedMasterState: order }]);
    expect((await pullAll(server.baseUrl)).documents).toEqual([deleted]);
  });
});

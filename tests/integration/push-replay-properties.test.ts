import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushRow, RepairOrder } from '../../src/schema/index.js';
import { makeRepairOrder } from '../factories/repair-order.js';
import { advisorToken } from './helpers/auth.js';
import { pullAll, pullPage, pushRows, toWire } from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * Replaying a push is a no-op, by property against a real server: whatever
 * batch of new records and edits a tablet sends, sending it again (its answer
 * lost on the way) writes no sequence and reports no conflict.
 */
const text = fc.string({
  unit: fc.constantFrom(...'刹车异响漏油保养张伟李娜 abcXYZ019-。'.split('')),
  maxLength: 40,
});
const edit = fc.record(
  { concern: text, fuelEighths: fc.integer({ min: 0, max: 8 }), name: text },
  { requiredKeys: [] },
);
/** Each order of the batch: new, or stored already and edited by this push. */
const batch = fc.array(fc.record({ stored: fc.boolean(), edit }), { minLength: 1, maxLength: 4 });

describe('a push sent twice', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer();
    token = await advisorToken(server.baseUrl);
  });
  afterAll(async () => server.stop());

  it('writes one sequence per changed record and returns no conflict the second time', async () => {
    await fc.assert(
      fc.asyncProperty(batch, async (orders) => {
        const stored = orders.filter((order) => order.stored).map(() => makeRepairOrder());
        if (stored.length > 0) {
          await pushRows(
            server.baseUrl,
            stored.map((order) => ({ newDocumentState: toWire(order) })),
            token,
          );
        }
        let next = 0;
        const rows: PushRow<RepairOrder>[] = orders.map(({ stored: isStored, edit: change }) => {
          const original = isStored ? stored[next++] : undefined;
          const order = original ?? makeRepairOrder();
          const edited: RepairOrder = {
            ...order,
            concern: change.concern ?? order.concern,
            fuelEighths: change.fuelEighths ?? order.fuelEighths,
            customer: { ...order.customer, name: change.name ?? order.customer.name },
            updatedAt: order.updatedAt + 1,
          };
          return {
            newDocumentState: toWire(edited),
            assumedMasterState: original ? toWire(original) : null,
          };
        });
        const before = (await pullAll(server.baseUrl, token)).last;

        expect(await pushRows(server.baseUrl, rows, token)).toEqual({
          conflicts: [],
          rejected: [],
        });
        const first = await pullPage(server.baseUrl, before, 500, token);
        expect(first.documents).toHaveLength(rows.length);

        expect(await pushRows(server.baseUrl, rows, token)).toEqual({
          conflicts: [],
          rejected: [],
        });
        const after = first.checkpoint?.sequence ?? before;
        expect((await pullPage(server.baseUrl, after, 500, token)).documents).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});

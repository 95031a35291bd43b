import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { RxCollection, RxReplicationWriteToMasterRow, WithDeleted } from 'rxdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type LaneDatabase } from '../../src/db/create-database.js';
import { setAsideOutdatedRows } from '../../src/features/sync/outdated-rows.js';
import type { RepairOrder } from '../../src/schema/index.js';
import { makeRepairOrder } from '../factories/repair-order.js';

/**
 * Found by the fault-injection suite (seeds 1007, 1054, 1141): RxDB's upstream
 * pushed a record state it had taken before a pull replaced it, over the newer
 * state the pull brought, undoing another tablet's edit without a conflict.
 */
let database: LaneDatabase;
let counter = 0;

beforeEach(async () => {
  counter += 1;
  database = await createDatabase({
    name: `outdated-rows-${process.pid}-${counter}`,
    storage: getRxStorageMemory() as never,
  });
});

afterEach(() => database.close());

const wire = (order: RepairOrder): WithDeleted<unknown> => ({ ...order, _deleted: false });
const row = (next: RepairOrder, assumed?: RepairOrder): RxReplicationWriteToMasterRow<unknown> => ({
  newDocumentState: wire(next),
  ...(assumed ? { assumedMasterState: wire(assumed) } : {}),
});
const orders = () => database.repair_orders as unknown as RxCollection<unknown>;

describe('rows of a push taken before the tablet’s copy changed', () => {
  it('a state older than the tablet’s copy, which is the server’s, is set aside with that copy', async () => {
    const older = makeRepairOrder({ concern: '刹车异响' });
    const pulled = {
      ...older,
      concern: '刹车异响,左前',
      updatedAt: older.updatedAt + 1,
      updatedBy: 'tech1',
    };
    await database.repair_orders.insert(pulled);

    const { current, outdated } = await setAsideOutdatedRows(orders(), [row(older, pulled)]);

    expect(current).toEqual([]);
    expect(outdated).toEqual([wire(pulled)]);
  });

  it('a local edit, a new record and a state the tablet still holds are all sent', async () => {
    const server = makeRepairOrder();
    const edited = { ...server, concern: '空调不制冷', updatedAt: server.updatedAt + 1 };
    const created = makeRepairOrder();
    const unchanged = makeRepairOrder();
    await database.repair_orders.bulkInsert([edited, created, unchanged]);
    const rows = [row(edited, server), row(created), row(unchanged, unchanged)];

    const { current, outdated } = await setAsideOutdatedRows(orders(), rows);

    expect(current).toEqual(rows);
    expect(outdated).toEqual([]);
  });
});

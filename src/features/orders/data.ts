/**
 * The only place the orders feature touches the database: create and edit
 * repair orders (each change saved at once and queued in the outbox) and the
 * live queries the screens show.
 */
import { useLiveRxQuery, useRxDocument } from 'rxdb/plugins/react';
import { useMemo } from 'react';
import { newDocumentId, newOrderNumber, type RepairOrder } from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import { recordLocalChanges } from '../../db/outbox.js';
import { saveLocally } from '../../db/save-locally.js';

const COLLECTION = 'repair_orders';

export interface Author {
  username: string;
  siteId: string;
}

/** A change to an order; nested parts name only the fields that change. */
export interface RepairOrderEdit extends Partial<
  Pick<RepairOrder, 'odometerKm' | 'fuelEighths' | 'concern' | 'status'>
> {
  customer?: Partial<RepairOrder['customer']>;
  vehicle?: Partial<RepairOrder['vehicle']>;
}

export function draftRepairOrder(author: Author, now = Date.now()): RepairOrder {
  return {
    id: newDocumentId(),
    siteId: author.siteId,
    orderNumber: newOrderNumber(new Date(now)),
    status: 'draft',
    customer: { name: '', phone: '' },
    vehicle: { plate: '', vin: '', model: '', colour: '' },
    concern: '',
    createdAt: now,
    createdBy: author.username,
    updatedAt: now,
    updatedBy: author.username,
    conflicts: [],
  };
}

export async function createRepairOrder(
  database: LaneDatabase,
  author: Author,
  fields: RepairOrderEdit = {},
): Promise<RepairOrder> {
  const order = applyEdit(draftRepairOrder(author), fields);
  await createRepairOrders(database, [order]);
  return order;
}

/** Bulk path for imports and tests: one transaction for the orders, one for the outbox. */
export async function createRepairOrders(
  database: LaneDatabase,
  orders: RepairOrder[],
): Promise<void> {
  await saveLocally(async () => {
    const { error } = await database.repair_orders.bulkInsert(orders);
    if (error.length > 0) throw new Error(`${error.length} orders not stored`, { cause: error[0] });
    await recordLocalChanges(database, COLLECTION, orders);
  });
}

export async function editRepairOrder(
  database: LaneDatabase,
  author: Author,
  id: string,
  edit: RepairOrderEdit,
): Promise<void> {
  await saveLocally(async () => {
    const document = await database.repair_orders.findOne(id).exec(true);
    // Applied to the newest stored state, so quick edits to two fields never undo each other.
    const saved = await document.incrementalModify((current) => ({
      ...applyEdit(current, edit),
      // A tablet clock that jumps back must not make a newer edit look older.
      updatedAt: Math.max(Date.now(), current.updatedAt + 1),
      updatedBy: author.username,
    }));
    await recordLocalChanges(database, COLLECTION, [saved]);
  });
}

export function applyEdit<T extends RepairOrder>(order: T, edit: RepairOrderEdit): T {
  const { customer, vehicle, ...rest } = edit;
  return {
    ...order,
    ...rest,
    customer: { ...order.customer, ...customer },
    vehicle: { ...order.vehicle, ...vehicle },
  };
}

export function startOfToday(now = new Date()): number {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
}

export function useTodaysOrders(database: LaneDatabase): {
  orders: RepairOrder[];
  loading: boolean;
} {
  const query = useMemo(
    () => ({
      selector: { createdAt: { $gte: startOfToday() } },
      sort: [{ createdAt: 'desc' as const }],
    }),
    [],
  );
  const { results, loading } = useLiveRxQuery<RepairOrder>({
    collection: database.repair_orders,
    query,
  });
  const orders = useMemo(
    () => results.map((document) => document.toJSON() as RepairOrder),
    [results],
  );
  return { orders, loading };
}

export function useRepairOrder(
  database: LaneDatabase,
  id: string,
): { order: RepairOrder | null; loading: boolean } {
  const { result, loading } = useRxDocument<RepairOrder>(database.repair_orders, id);
  return { order: result ? (result.toJSON() as RepairOrder) : null, loading };
}

/**
 * The only place the orders feature touches the database: create and edit
 * repair orders (each change saved at once and queued in the outbox) and the
 * live queries the screens show.
 */
import { useLiveRxQuery, useRxDocument } from 'rxdb/plugins/react';
import { useMemo } from 'react';
import { newDocumentId, newOrderNumber, type RepairOrder } from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import {
  insertRecords,
  modifyRecord,
  newRecordFields,
  type Author,
} from '../../db/record-writes.js';

const COLLECTION = 'repair_orders' as const;

export type { Author };

/** A change to an order; nested parts name only the fields that change. */
export interface RepairOrderEdit extends Partial<
  Pick<
    RepairOrder,
    | 'odometerKm'
    | 'odometerOverrideReason'
    | 'fuelEighths'
    | 'concern'
    | 'status'
    | 'operations'
    | 'estimatedCompletionAt'
    | 'promisedDeliveryAt'
    | 'paymentMethod'
    | 'nextServiceKm'
    | 'nextServiceDate'
    | 'cancelReason'
    | 'customerLanguage'
  >
> {
  customer?: Partial<RepairOrder['customer']>;
  vehicle?: Partial<RepairOrder['vehicle']>;
  symptoms?: Partial<NonNullable<RepairOrder['symptoms']>>;
}

export function draftRepairOrder(author: Author, now = Date.now()): RepairOrder {
  return {
    id: newDocumentId(),
    ...newRecordFields(author, now),
    orderNumber: newOrderNumber(new Date(now)),
    status: 'draft',
    customer: { name: '', phone: '' },
    vehicle: { plate: '', vin: '', model: '', colour: '' },
    concern: '',
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
  await insertRecords(database, COLLECTION, orders);
}

/** An edit, or one computed from the newest stored order (for lists such as the operations). */
export type RepairOrderChange = RepairOrderEdit | ((current: RepairOrder) => RepairOrderEdit);

export async function editRepairOrder(
  database: LaneDatabase,
  author: Author,
  id: string,
  change: RepairOrderChange,
): Promise<RepairOrder> {
  return modifyRecord<RepairOrder>(database, COLLECTION, author, id, (current) =>
    applyEdit(current, typeof change === 'function' ? change(current) : change),
  );
}

export function applyEdit<T extends RepairOrder>(order: T, edit: RepairOrderEdit): T {
  const { customer, vehicle, symptoms, ...rest } = edit;
  const applied: T = {
    ...order,
    ...rest,
    customer: { ...order.customer, ...customer },
    vehicle: { ...order.vehicle, ...vehicle },
  };
  if (symptoms)
    applied.symptoms = { when: '', frequency: '', conditions: '', ...order.symptoms, ...symptoms };
  return applied;
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

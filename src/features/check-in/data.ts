/**
 * The only place the check-in feature touches the database: the walkaround
 * sheet of an order, starting a check-in (for a known vehicle or a new one),
 * and what the site's synced history says about a vehicle.
 */
import { useLiveRxQuery } from 'rxdb/plugins/react';
import { useRecord } from '../../components/use-records.js';
import { useEffect, useMemo, useState } from 'react';
import {
  CHECKLIST_ITEMS,
  isRepeatRepair,
  type CheckInSheet,
  type ChecklistItem,
  type RepairOrder,
} from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import {
  insertRecords,
  modifyRecord,
  newRecordFields,
  type Author,
} from '../../db/record-writes.js';
import { createRepairOrder } from '../orders/index.js';

export function emptyCheckInSheet(author: Author, orderId: string, now = Date.now()): CheckInSheet {
  const unchecked = { status: 'unchecked' as const, note: '' };
  return {
    id: orderId,
    orderId,
    ...newRecordFields(author, now),
    covers: { seat: false, steeringWheel: false, floorMat: false },
    warningLights: [],
    warningLightsOther: '',
    checklist: Object.fromEntries(
      CHECKLIST_ITEMS.map((item) => [item, { ...unchecked, photoIds: [] }]),
    ) as unknown as CheckInSheet['checklist'],
    valuables: { description: '', handling: 'none' },
    wishes: {
      keepOldParts: false,
      wash: false,
      engineBayWash: false,
      followUpConsent: false,
      followUpChannel: 'phone',
      followUpTime: '',
    },
    step: 'vehicle',
    conflicts: [],
  };
}

/** Starts a check-in: a new order (filled from a known vehicle when given) and its sheet. */
export async function startCheckIn(
  database: LaneDatabase,
  author: Author,
  known?: Pick<RepairOrder, 'customer' | 'vehicle' | 'customerLanguage'>,
): Promise<RepairOrder> {
  const order = await createRepairOrder(database, author, known ?? {});
  await insertRecords(database, 'check_in_sheets', [emptyCheckInSheet(author, order.id)]);
  return order;
}

/** Orders made before the walkaround existed (and demo orders) get their sheet when first opened. */
export async function ensureCheckInSheet(
  database: LaneDatabase,
  author: Author,
  orderId: string,
): Promise<void> {
  const existing = await database.records.check_in_sheets.findOne(orderId).exec();
  // The real sheet may still be on its way from the server: this one must not displace it.
  if (!existing)
    await insertRecords(database, 'check_in_sheets', [emptyCheckInSheet(author, orderId)], {
      placeholder: true,
    });
}

export function editCheckInSheet(
  database: LaneDatabase,
  author: Author,
  orderId: string,
  modify: (sheet: CheckInSheet) => CheckInSheet,
): Promise<CheckInSheet> {
  return modifyRecord<CheckInSheet>(database, 'check_in_sheets', author, orderId, modify);
}

export function useCheckInSheet(database: LaneDatabase, orderId: string): CheckInSheet | null {
  return useRecord<CheckInSheet>(database.records.check_in_sheets, orderId).record;
}

export interface VehicleHistory {
  previousOrders: RepairOrder[];
  lastVisitAt?: number;
  lastOdometerKm?: number;
  repeatRepair: boolean;
  /** Checklist items found not OK at the last visit: problems that may still be there. */
  carriedOver: { item: ChecklistItem; note: string }[];
}

export function vehicleSelector(vehicle: RepairOrder['vehicle']) {
  if (vehicle.vin.length === 17) return { 'vehicle.vin': vehicle.vin };
  if (vehicle.plate.trim()) return { 'vehicle.plate': vehicle.plate.trim() };
  return null;
}

export function useVehicleHistory(database: LaneDatabase, order: RepairOrder): VehicleHistory {
  const selector = vehicleSelector(order.vehicle);
  const query = useMemo(
    () => ({
      selector: { ...(selector ?? { id: '__none__' }), createdAt: { $lt: order.createdAt } },
      sort: [{ createdAt: 'desc' as const }],
    }),
    // The selector is recomputed from these two values only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [order.vehicle.vin, order.vehicle.plate, order.createdAt],
  );
  const { results } = useLiveRxQuery<RepairOrder>({ collection: database.repair_orders, query });
  const previousOrders = useMemo(
    () => results.map((document) => document.toJSON() as RepairOrder),
    [results],
  );
  const last = previousOrders[0];
  const [carriedOver, setCarriedOver] = useState<VehicleHistory['carriedOver']>([]);
  useEffect(() => {
    if (!last) return;
    const sheets = database.records.check_in_sheets;
    const subscription = sheets.findOne(last.id).$.subscribe((sheet) => {
      const checklist = sheet ? sheets.plain<CheckInSheet>(sheet).checklist : undefined;
      setCarriedOver(
        CHECKLIST_ITEMS.filter((item) => checklist?.[item].status === 'not-ok').map((item) => ({
          item,
          note: checklist?.[item].note ?? '',
        })),
      );
    });
    return () => subscription.unsubscribe();
  }, [database, last]);
  return {
    previousOrders,
    lastVisitAt: last?.createdAt,
    lastOdometerKm: previousOrders.find((previous) => previous.odometerKm !== undefined)
      ?.odometerKm,
    repeatRepair: isRepeatRepair(last?.createdAt, order.createdAt),
    carriedOver: last ? carriedOver : [],
  };
}

export interface KnownVehicle {
  customer: RepairOrder['customer'];
  /** The language the customer's copies printed in at the last visit. */
  customerLanguage?: RepairOrder['customerLanguage'];
  vehicle: RepairOrder['vehicle'];
  lastVisitAt: number;
  lastOdometerKm?: number;
  visits: number;
}

/** What a check-in of a known car starts with: the customer, the car, the language they read. */
export function fromLastVisit(
  known: KnownVehicle,
): Pick<RepairOrder, 'customer' | 'vehicle' | 'customerLanguage'> {
  return {
    customer: known.customer,
    vehicle: known.vehicle,
    ...(known.customerLanguage && { customerLanguage: known.customerLanguage }),
  };
}

/** Vehicles this tablet knows from synced orders, by plate, VIN or phone; newest visit first. */
export async function searchVehicles(
  database: LaneDatabase,
  text: string,
): Promise<KnownVehicle[]> {
  const needle = text.trim().toUpperCase();
  if (needle.length < 2) return [];
  const orders = (await database.repair_orders.find({ sort: [{ createdAt: 'desc' }] }).exec()).map(
    (document) => document.toJSON() as RepairOrder,
  );
  const byVehicle = new Map<string, KnownVehicle>();
  for (const order of orders) {
    const { plate, vin } = order.vehicle;
    const matches = [plate, vin, order.customer.phone.replace(/\s/g, '')].some((value) =>
      value.toUpperCase().includes(needle.replace(/\s/g, '')),
    );
    if (!matches || (!plate && !vin)) continue;
    const key = vin || plate;
    const known = byVehicle.get(key);
    if (known) {
      known.visits += 1;
      known.lastOdometerKm ??= order.odometerKm;
    } else {
      byVehicle.set(key, {
        customer: order.customer,
        customerLanguage: order.customerLanguage,
        vehicle: order.vehicle,
        lastVisitAt: order.createdAt,
        lastOdometerKm: order.odometerKm,
        visits: 1,
      });
    }
  }
  return [...byVehicle.values()].slice(0, 20);
}

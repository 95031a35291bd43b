/**
 * The workshop's live queries: what the screens show, re-rendered as records
 * change on this tablet or arrive from others through sync. Read-only; the
 * writes are in data.ts, which re-exports these.
 */
import { useLiveRxQuery, useRxDocument } from 'rxdb/plugins/react';
import { useEffect, useMemo, useState } from 'react';
import { useRecord, useRecords } from '../../components/use-records.js';
import {
  jobIdFor,
  type AddedWork,
  type Job,
  type RepairOrder,
  type RepairOrderStatus,
  type ReworkRecord,
  type Role,
  type SignOff,
} from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import { pendingIds$ } from '../../db/outbox.js';
import { myJobs, sortSignOffs, workshopCards, type MyJobs, type WorkshopCard } from './board.js';
import { useNow } from './use-now.js';

const WORKSHOP_STATUSES: RepairOrderStatus[] = ['checked-in', 'in-workshop', 'ready'];

type OrderRecordCollection = 'jobs' | 'sign_offs' | 'rework_records' | 'added_work';

/** The records of these orders (ids joined by spaces, so the query stays stable), live. */
function useRecordsOf<T>(
  database: LaneDatabase,
  name: OrderRecordCollection,
  orderIds: string,
): T[] {
  const query = useMemo(
    () => ({ selector: { orderId: { $in: orderIds ? orderIds.split(' ') : [] } } }),
    [orderIds],
  );
  return useRecords<T>(database.records[name], query).records;
}

export function useJob(
  database: LaneDatabase,
  orderId: string,
): { job: Job | null; loading: boolean } {
  const { record: job, loading } = useRecord<Job>(database.records.jobs, jobIdFor(orderId));
  return { job, loading };
}

export function useWorkshopOrder(
  database: LaneDatabase,
  orderId: string,
): { order: RepairOrder | null; loading: boolean } {
  const { result, loading } = useRxDocument<RepairOrder>(database.repair_orders, orderId);
  const order = useMemo(() => (result ? (result.toJSON() as RepairOrder) : null), [result]);
  return { order, loading };
}

export function useSignOffs(database: LaneDatabase, orderId: string): SignOff[] {
  const records = useRecordsOf<SignOff>(database, 'sign_offs', orderId);
  return useMemo(() => sortSignOffs([...records]), [records]);
}

export function useReworks(database: LaneDatabase, orderId: string): ReworkRecord[] {
  const records = useRecordsOf<ReworkRecord>(database, 'rework_records', orderId);
  return useMemo(() => [...records].sort((a, b) => a.round - b.round), [records]);
}

export function useAddedWork(database: LaneDatabase, orderId: string): AddedWork[] {
  return useRecordsOf<AddedWork>(database, 'added_work', orderId);
}

/** Ids of this order's sign-offs the server has not confirmed yet (still in the outbox). */
export function usePendingSignOffIds(database: LaneDatabase): ReadonlySet<string> {
  const [ids, setIds] = useState<ReadonlySet<string>>(() => new Set());
  useEffect(() => {
    const subscription = pendingIds$(database, 'sign_offs').subscribe(setIds);
    return () => subscription.unsubscribe();
  }, [database]);
  return ids;
}

/** Every order in the workshop (checked in, in work or ready) with its job and checks, live. */
export function useWorkshopBoard(database: LaneDatabase): {
  cards: WorkshopCard[];
  loading: boolean;
} {
  const now = useNow();
  const query = useMemo(() => ({ selector: { status: { $in: WORKSHOP_STATUSES } } }), []);
  const { results, loading } = useLiveRxQuery<RepairOrder>({
    collection: database.repair_orders,
    query,
  });
  const orders = useMemo(
    () => results.map((document) => document.toJSON() as RepairOrder),
    [results],
  );
  // A string key keeps the dependent queries stable while the set of orders is unchanged.
  const orderIds = orders.map((order) => order.id).join(' ');
  const jobs = useRecordsOf<Job>(database, 'jobs', orderIds);
  const signOffs = useRecordsOf<SignOff>(database, 'sign_offs', orderIds);
  const reworks = useRecordsOf<ReworkRecord>(database, 'rework_records', orderIds);
  const addedWork = useRecordsOf<AddedWork>(database, 'added_work', orderIds);
  const cards = useMemo(
    () => workshopCards({ orders, jobs, signOffs, reworks, addedWork }, now),
    [orders, jobs, signOffs, reworks, addedWork, now],
  );
  return { cards, loading };
}

export function useMyJobs(
  database: LaneDatabase,
  username: string,
  role: Role,
): MyJobs & { loading: boolean } {
  const { cards, loading } = useWorkshopBoard(database);
  return { ...useMemo(() => myJobs(cards, username, role), [cards, username, role]), loading };
}

/** One order's workshop state (for the job screen and the advisor's order screen). */
export function useWorkshopCard(database: LaneDatabase, orderId: string): WorkshopCard | null {
  const now = useNow();
  const { order } = useWorkshopOrder(database, orderId);
  const { job } = useJob(database, orderId);
  const signOffs = useSignOffs(database, orderId);
  const reworks = useReworks(database, orderId);
  const addedWork = useAddedWork(database, orderId);
  return useMemo(
    () =>
      order
        ? (workshopCards(
            { orders: [order], jobs: job ? [job] : [], signOffs, reworks, addedWork },
            now,
          )[0] ?? null)
        : null,
    [order, job, signOffs, reworks, addedWork, now],
  );
}

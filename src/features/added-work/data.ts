/**
 * The only place the added-work feature touches the database: the
 * technician's request, the advisor's price, the customer's append-only
 * approval (which may move the order's promised time), the technician's
 * start and finish, and the live queries the panels and the badge show.
 */
import { useRxDocument } from 'rxdb/plugins/react';
import { useRecords } from '../../components/use-records.js';
import { useMemo } from 'react';
import {
  addedWorkContentHash,
  codedError,
  type AddedWork,
  type Approval,
  type ErrorCode,
  type RepairOrder,
  type Signature,
} from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import { insertRecords, modifyRecord, type Author } from '../../db/record-writes.js';
import { LocalSaveError } from '../../db/save-locally.js';
import { signAs } from '../session/index.js';
import {
  newAddedWork,
  newApproval,
  priceChanges,
  type AddedWorkPriceInput,
  type AddedWorkRequestInput,
  type ApprovalInput,
} from './records.js';
import {
  DECIDABLE,
  PRICEABLE,
  stepBlocker,
  WAITING_FOR_ADVISOR,
  type AddedWorkStep,
} from './added-work-rules.js';

export type { AddedWorkPriceInput, AddedWorkRequestInput, ApprovalInput };

/** A refusal by a workshop rule: nothing was written, and the screen shows the coded message. */
function refuse(code: ErrorCode): LocalSaveError {
  return new LocalSaveError(codedError(code));
}

async function findWork(database: LaneDatabase, workId: string): Promise<AddedWork> {
  const document = await database.records.added_work.findOne(workId).exec(true);
  return database.records.added_work.plain<AddedWork>(document);
}

async function approvalsFor(database: LaneDatabase, work: AddedWork): Promise<Approval[]> {
  const { approvals } = database.records;
  const documents = await approvals.find({ selector: { orderId: work.orderId } }).exec();
  return documents
    .map((document) => approvals.plain<Approval>(document))
    .filter((approval) => approval.addedWorkId === work.id);
}

/** The technician asks for work the customer has not agreed to yet; it goes to the advisor at once. */
export async function requestAddedWork(
  database: LaneDatabase,
  author: Author,
  orderId: string,
  request: AddedWorkRequestInput,
  now = Date.now(),
): Promise<AddedWork> {
  const work = newAddedWork(author, orderId, request, now);
  await insertRecords(database, 'added_work', [work]);
  return work;
}

/**
 * The advisor's price and time. A change to work the customer already
 * decided on sends it back to 'priced': the old approval's hash no longer
 * matches, so it is void and the customer decides again.
 */
export async function priceAddedWork(
  database: LaneDatabase,
  author: Author,
  workId: string,
  price: AddedWorkPriceInput,
  now = Date.now(),
): Promise<AddedWork> {
  const before = await findWork(database, workId);
  if (!PRICEABLE.includes(before.status)) throw new Error('Finished added work is not re-priced');
  return modifyRecord<AddedWork>(database, 'added_work', author, workId, (current) => {
    const changed = priceChanges(current, price);
    if (!changed && current.status !== 'requested') return current;
    return { ...current, ...price, status: 'priced', pricedBy: author.username, pricedAt: now };
  });
}

async function checkDecisionContent(
  database: LaneDatabase,
  work: AddedWork,
  input: ApprovalInput,
  currentHash: string,
): Promise<void> {
  if (input.contentHash !== undefined && input.contentHash !== currentHash)
    throw refuse('ADDED_WORK_NOT_AUTHORISED');
  if (input.method !== 'signature') return;
  const { signatures } = database.records;
  const document = await signatures.findOne(input.signatureId).exec();
  const signature = document ? signatures.plain<Signature>(document) : undefined;
  // A signature counts only for this very work as it stands now.
  if (
    !signature ||
    signature.purpose !== 'added-work' ||
    signature.subjectRef !== work.id ||
    signature.contentHash !== currentHash
  )
    throw refuse('ADDED_WORK_NOT_AUTHORISED');
}

/**
 * Records the customer's decision (append-only, bound to the work's content
 * hash) and points the work at it. An approved new promised time moves the
 * order's promised delivery time: the customer consented to it.
 */
export async function recordApproval(
  database: LaneDatabase,
  author: Author,
  workId: string,
  input: ApprovalInput,
  now = Date.now(),
): Promise<Approval> {
  const work = await findWork(database, workId);
  if (!DECIDABLE.includes(work.status))
    throw new Error('The customer decides on priced added work that has not started');
  if (input.method === 'phone' && (!input.approverName.trim() || !input.phoneNumber.trim()))
    throw new Error('A phone decision names who decided and the number called');
  const contentHash = await addedWorkContentHash(work);
  await checkDecisionContent(database, work, input, contentHash);
  // The advisor's own signature on the customer's decision; refused while their key is locked.
  const approval = await signAs(
    author,
    'approvals',
    newApproval(author, work, input, contentHash, now),
  );
  await insertRecords(database, 'approvals', [approval]);
  await modifyRecord<AddedWork>(database, 'added_work', author, workId, (current) => ({
    ...current,
    approvalId: approval.id,
    status: approval.decision,
  }));
  if (approval.decision === 'approved' && work.promisedDeliveryAt > 0)
    await movePromisedDelivery(database, author, work.orderId, work.promisedDeliveryAt);
  return approval;
}

async function movePromisedDelivery(
  database: LaneDatabase,
  author: Author,
  orderId: string,
  promisedDeliveryAt: number,
): Promise<void> {
  // The order may not have reached this tablet yet; its own tablet moves it then.
  if (!(await database.repair_orders.findOne(orderId).exec())) return;
  await modifyRecord<RepairOrder>(database, 'repair_orders', author, orderId, (order) => ({
    ...order,
    promisedDeliveryAt,
  }));
}

async function takeStep(
  database: LaneDatabase,
  author: Author,
  workId: string,
  step: AddedWorkStep,
): Promise<AddedWork> {
  const work = await findWork(database, workId);
  // A second tap, or a step already behind it, changes nothing.
  if (work.status === step || work.status === 'done') return work;
  const blocker = stepBlocker(
    work,
    step,
    await addedWorkContentHash(work),
    await approvalsFor(database, work),
  );
  if (blocker) throw refuse(blocker);
  return modifyRecord<AddedWork>(database, 'added_work', author, workId, (current) => ({
    ...current,
    status: step,
    startedBy: current.startedBy || author.username,
    doneBy: step === 'done' ? author.username : current.doneBy,
  }));
}

/** The technician starts approved work; refused (nothing written) without a valid approval. */
export function startAddedWork(
  database: LaneDatabase,
  author: Author,
  workId: string,
): Promise<AddedWork> {
  return takeStep(database, author, workId, 'started');
}

/** The technician marks approved work done (starting it too if that was not tapped). */
export function finishAddedWork(
  database: LaneDatabase,
  author: Author,
  workId: string,
): Promise<AddedWork> {
  return takeStep(database, author, workId, 'done');
}

const byCreation = <T extends { createdAt: number; id: string }>(a: T, b: T) =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The order's added work, oldest first, live. */
export function useAddedWork(
  database: LaneDatabase,
  orderId: string,
): { addedWork: AddedWork[]; loading: boolean } {
  const query = useMemo(() => ({ selector: { orderId } }), [orderId]);
  const { records, loading } = useRecords<AddedWork>(database.records.added_work, query);
  const addedWork = useMemo(() => [...records].sort(byCreation), [records]);
  return { addedWork, loading };
}

/** Every customer decision on the order's added work, oldest first, live. */
export function useApprovals(database: LaneDatabase, orderId: string): Approval[] {
  const query = useMemo(() => ({ selector: { orderId } }), [orderId]);
  const { records } = useRecords<Approval>(database.records.approvals, query);
  return useMemo(() => [...records].sort(byCreation), [records]);
}

/** Requests the advisors still have to price or get decided, across the site's orders, live. */
export function useWaitingForAdvisor(database: LaneDatabase): {
  waiting: AddedWork[];
  loading: boolean;
} {
  const query = useMemo(() => ({ selector: { status: { $in: [...WAITING_FOR_ADVISOR] } } }), []);
  const { records, loading } = useRecords<AddedWork>(database.records.added_work, query);
  const waiting = useMemo(() => [...records].sort(byCreation), [records]);
  return { waiting, loading };
}

export interface OrderContact {
  customerName: string;
  phone: string;
  promisedDeliveryAt?: number;
}

/** Who the advisor calls or asks to sign for this order. */
export function useOrderContact(database: LaneDatabase, orderId: string): OrderContact | null {
  const { result } = useRxDocument<RepairOrder>(database.repair_orders, orderId);
  if (!result) return null;
  const order = result.toJSON() as RepairOrder;
  return {
    customerName: order.customer.name,
    phone: order.customer.phone,
    promisedDeliveryAt: order.promisedDeliveryAt,
  };
}

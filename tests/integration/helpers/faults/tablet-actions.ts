/**
 * A tablet user's actions in a fault scenario, each through the app's own
 * feature code (orders, signatures, workshop), as the screens call it.
 */
import {
  canonicalJson,
  jobIdFor,
  sha256Hex,
  toWireState,
  COLLECTION_NAMES,
  SIGN_OFF_CHECKLISTS,
  type RepairOrder,
} from '../../../../src/schema/index.js';
import type { LaneDatabase } from '../../../../src/db/create-database.js';
import type { BlobStore } from '../../../../src/db/blob-store.js';
import { allMutations } from '../../../../src/db/outbox.js';
import { createRepairOrder, editRepairOrder } from '../../../../src/features/orders/data.js';
import type { RepairOrderEdit } from '../../../../src/features/orders/data.js';
import { signCheckIn } from '../../../../src/features/signatures/data.js';
import {
  addFinding,
  dispatch,
  signOff,
  WorkshopRuleError,
  type WorkshopUser,
} from '../../../../src/features/workshop/data.js';
import type {
  CreateOutcome,
  EditOutcome,
  EditPath,
  PlainRecord,
  TabletSnapshot,
} from './tablet-messages.js';

function valueAt(order: RepairOrder, path: EditPath): unknown {
  let value: unknown = order;
  for (const key of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
  return value;
}

function editFor(current: RepairOrder, path: EditPath, value: string | number): RepairOrderEdit {
  switch (path) {
    case 'concern':
      return { concern: String(value) };
    case 'customer.name':
      return { customer: { name: String(value) } };
    case 'vehicle.colour':
      return { vehicle: { colour: String(value) } };
    case 'vehicle.model':
      return { vehicle: { model: String(value) } };
    case 'odometerKm':
      return { odometerKm: Number(value) };
    case 'symptoms.when':
      return { symptoms: { when: String(value) } };
    case 'operations': {
      const operation = {
        id: String(value),
        description: `项目 ${value}`,
        labourFen: 1_000,
        partsFen: 0,
        warranty: false,
      };
      return { operations: [...(current.operations ?? []), operation] };
    }
  }
}

export async function editOrderField(
  database: LaneDatabase,
  user: WorkshopUser,
  orderId: string,
  path: EditPath,
  value: string | number,
): Promise<EditOutcome> {
  if (!(await database.repair_orders.findOne(orderId).exec())) return { applied: false };
  // The edit is computed from the newest stored state; what it replaced is recorded with it.
  let before: unknown;
  const saved = await editRepairOrder(database, user, orderId, (current) => {
    before = valueAt(current, path);
    return editFor(current, path, value);
  });
  return {
    applied: true,
    before: canonicalJson(before),
    after: canonicalJson(valueAt(saved, path)),
  };
}

export async function createOrder(
  database: LaneDatabase,
  user: WorkshopUser,
  concern: string,
): Promise<CreateOutcome> {
  // Checked in, so the foreman can send it to the workshop.
  const order = await createRepairOrder(database, user, { concern, status: 'checked-in' });
  return { collection: 'repair_orders', record: order as unknown as PlainRecord };
}

const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A one-stroke signature; its image starts as a PNG does and is unique, which is all the server checks. */
export async function signOrderCheckIn(
  database: LaneDatabase,
  user: WorkshopUser,
  images: BlobStore,
  orderId: string,
  signerName: string,
): Promise<CreateOutcome> {
  const order = await database.repair_orders.findOne(orderId).exec();
  if (!order) return { collection: 'signatures', record: null };
  const png = new Blob([PNG_SIGNATURE, `signature of ${signerName} for ${orderId}`], {
    type: 'image/png',
  });
  const signature = await signCheckIn(
    database,
    user,
    {
      orderId,
      signerName,
      strokes: [[0.1, 0.2, 0.3, 0.4]],
      png,
      contentHash: await sha256Hex(canonicalJson(toWireState(order.toJSON()))),
      supersedes: '',
    },
    images,
  );
  return { collection: 'signatures', record: signature as unknown as PlainRecord };
}

export async function dispatchOrder(
  database: LaneDatabase,
  user: WorkshopUser,
  orderId: string,
  bay: string,
): Promise<CreateOutcome> {
  if (!(await database.repair_orders.findOne(orderId).exec()))
    return { collection: 'jobs', record: null };
  const job = await dispatch(database, user, orderId, { technician: 'tech1', bay });
  return {
    collection: 'jobs',
    record: job as unknown as PlainRecord,
    alsoWritten: [{ collection: 'repair_orders', id: orderId }],
  };
}

export async function addJobFinding(
  database: LaneDatabase,
  user: WorkshopUser,
  orderId: string,
  text: string,
): Promise<CreateOutcome> {
  if (!(await database.records.jobs.findOne(jobIdFor(orderId)).exec()))
    return { collection: 'jobs', record: null };
  const job = await addFinding(database, user, orderId, { text, photoIds: [] });
  return { collection: 'jobs', record: job as unknown as PlainRecord };
}

/** The technician's self-check (自检), where the rules allow it on this tablet's data. */
export async function selfCheck(
  database: LaneDatabase,
  user: WorkshopUser,
  orderId: string,
): Promise<CreateOutcome> {
  const ready =
    (await database.repair_orders.findOne(orderId).exec()) &&
    (await database.records.jobs.findOne(jobIdFor(orderId)).exec());
  if (!ready) return { collection: 'sign_offs', record: null };
  const checklist = SIGN_OFF_CHECKLISTS.self.map((item) => ({ item, answer: 'yes' as const }));
  try {
    const record = await signOff(database, user, orderId, {
      level: 'self',
      result: 'pass',
      checklist,
      reasons: '',
    });
    return { collection: 'sign_offs', record: record as unknown as PlainRecord };
  } catch (error) {
    // Already self-checked, say: the tablet does not offer it, so nothing is written.
    if (error instanceof WorkshopRuleError) return { collection: 'sign_offs', record: null };
    throw error;
  }
}

export async function snapshot(database: LaneDatabase): Promise<TabletSnapshot> {
  const records: Record<string, PlainRecord[]> = {};
  for (const name of COLLECTION_NAMES) {
    const set = database.records[name];
    const documents = await set.find().exec();
    records[name] = documents.map((document) => toWireState(set.plain(document)) as PlainRecord);
  }
  const outbox = await allMutations(database);
  return { records, outbox: outbox as TabletSnapshot['outbox'] };
}

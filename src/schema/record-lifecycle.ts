import { canonicalJson } from './canonical-json.js';
import type { CollectionName } from './collections.js';
import type { ErrorCode } from './errors.js';
import { WORKFLOW_STATUSES, type RepairOrderStatus } from './repair-order.js';
import type { Role } from './roles.js';
import { DISPATCH_ROLES, SIGN_OFF_ROLES } from './workshop-rules.js';

/**
 * Who may create, edit and delete each record type, and what a record's life
 * allows, written once: the tablet offers only what these allow, the server
 * judges every pushed row (tombstones included) with the same functions.
 * The roles follow what each role's screens do (README, "What each role sees").
 */
export type RecordAction = 'create' | 'edit' | 'delete';

/** The service advisor's side of the lane: check-in, orders, the customer's decisions. */
export const ADVISOR_SIDE_ROLES: readonly Role[] = ['advisor', 'manager'];
/** Who works in the bay on a job: ticks operations, records findings, requests added work. */
export const BAY_ROLES: readonly Role[] = ['technician', 'team-leader'];
/** Everyone who records work on the lane (photos of the car, of findings, of evidence). */
const LANE_ROLES: readonly Role[] = [...ADVISOR_SIDE_ROLES, ...BAY_ROLES, 'foreman'];
const NOBODY: readonly Role[] = [];

type Permissions = Record<RecordAction, readonly Role[]>;

export const RECORD_PERMISSIONS: Record<CollectionName, Permissions> = {
  // The foreman moves an order's status on dispatch and final check (orderEditBlocker).
  repair_orders: {
    create: ADVISOR_SIDE_ROLES,
    edit: [...ADVISOR_SIDE_ROLES, 'foreman'],
    delete: ADVISOR_SIDE_ROLES,
  },
  check_in_sheets: {
    create: ADVISOR_SIDE_ROLES,
    edit: ADVISOR_SIDE_ROLES,
    delete: ADVISOR_SIDE_ROLES,
  },
  // The tablet removes a marker with `removed` (undo); a tombstone is the advisor side's too.
  damage_marks: {
    create: ADVISOR_SIDE_ROLES,
    edit: ADVISOR_SIDE_ROLES,
    delete: ADVISOR_SIDE_ROLES,
  },
  photos: { create: LANE_ROLES, edit: NOBODY, delete: NOBODY },
  signatures: { create: ADVISOR_SIDE_ROLES, edit: NOBODY, delete: NOBODY },
  // A job is born at dispatch (派工); the bay edits it only as its assigned technician (jobEditBlocker).
  jobs: { create: DISPATCH_ROLES, edit: [...DISPATCH_ROLES, ...BAY_ROLES], delete: DISPATCH_ROLES },
  added_work: {
    create: BAY_ROLES,
    edit: [...ADVISOR_SIDE_ROLES, ...BAY_ROLES],
    delete: NOBODY,
  },
  approvals: { create: ADVISOR_SIDE_ROLES, edit: NOBODY, delete: NOBODY },
  sign_offs: {
    create: [...new Set(Object.values(SIGN_OFF_ROLES).flat())],
    edit: NOBODY,
    delete: NOBODY,
  },
  // Opened by whoever fails a peer or final check.
  rework_records: {
    create: [...SIGN_OFF_ROLES.peer, ...SIGN_OFF_ROLES.final],
    edit: NOBODY,
    delete: NOBODY,
  },
};

/** What a pushed state does to the stored one: a tombstone of a stored record is a delete. */
export function recordActionOf(stored: boolean, deleted: boolean): RecordAction {
  if (!stored) return 'create';
  return deleted ? 'delete' : 'edit';
}

export function recordActionAllowed(
  collection: CollectionName,
  action: RecordAction,
  role: Role,
): boolean {
  return RECORD_PERMISSIONS[collection][action].includes(role);
}

/**
 * Why this role may not take this action on this record type, or null. A
 * record born deleted (a tombstone the server never saw alive) is judged as a
 * create, and refused where nobody may delete: append-only records never die.
 */
export function recordActionBlocker(
  collection: CollectionName,
  action: RecordAction,
  role: Role,
  bornDeleted = false,
): ErrorCode | null {
  if (action === 'delete' || bornDeleted) {
    if (RECORD_PERMISSIONS[collection].delete.length === 0) return 'RECORD_NOT_DELETABLE';
    if (!recordActionAllowed(collection, 'delete', role)) return 'ROLE_FORBIDDEN';
  }
  return recordActionAllowed(collection, action, role) ? null : 'ROLE_FORBIDDEN';
}

/** Which signed records make an order (or its job) undeletable. */
export interface SignedRecords {
  signatures: number;
  signOffs: number;
}

/**
 * An order or job that carries a customer signature or a QC sign-off is
 * never deleted: it is cancelled, with a reason, and its signed records stay.
 */
export function deletionBlocker(
  collection: CollectionName,
  signed: SignedRecords,
): ErrorCode | null {
  const carriesSignatures = signed.signatures > 0 || signed.signOffs > 0;
  if ((collection === 'repair_orders' || collection === 'jobs') && carriesSignatures)
    return 'RECORD_SIGNED_NOT_DELETABLE';
  return null;
}

/** The order fields a cancellation needs: the reason is kept with the order. */
export interface OrderLifecycleState {
  status: RepairOrderStatus;
  cancelReason?: string;
}

/** Fields the workflow (dispatch, final check) changes on an order besides its bookkeeping. */
const WORKFLOW_FIELDS = new Set(['status', 'updatedAt', 'updatedBy', 'conflicts']);

/**
 * An order edit's own rules: cancelling needs a reason; the foreman, whose
 * screens only send the car to the workshop and mark it ready, changes
 * nothing but the status, and only to those workflow statuses.
 */
export function orderEditBlocker(
  before: OrderLifecycleState & Record<string, unknown>,
  after: OrderLifecycleState & Record<string, unknown>,
  role: Role,
): ErrorCode | null {
  if (after.status === 'cancelled' && (after.cancelReason ?? '').trim() === '')
    return 'ORDER_CANCEL_REASON_REQUIRED';
  if (ADVISOR_SIDE_ROLES.includes(role)) return null;
  const changed = changedFields(before, after);
  if (changed.some((field) => !WORKFLOW_FIELDS.has(field))) return 'ROLE_FORBIDDEN';
  if (after.status !== before.status && !WORKFLOW_STATUSES.includes(after.status))
    return 'ROLE_FORBIDDEN';
  return null;
}

/** May this role cancel an order from the status menu? Cancelling is an edit with a reason. */
export function orderCancelAllowed(role: Role): boolean {
  return ADVISOR_SIDE_ROLES.includes(role);
}

/**
 * A job's edit by the bay: only its assigned technician (as stored before the
 * edit) ticks operations and records findings; the foreman may edit any job.
 */
export function jobEditBlocker(
  before: { technician: string },
  pusher: { username: string; role: Role },
): ErrorCode | null {
  if (DISPATCH_ROLES.includes(pusher.role)) return null;
  return before.technician === pusher.username ? null : 'JOB_NOT_ASSIGNED';
}

function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...fields].filter(
    (field) => canonicalJson(before[field]) !== canonicalJson(after[field]),
  );
}

/**
 * The only place the workshop feature touches the database: dispatch, the
 * technician's ticks and findings, the three-level sign-offs with their
 * rework records. The live queries are in data-live.ts, re-exported here.
 * Every rule is the shared one (schema/workshop-rules.ts); a refusal writes
 * nothing.
 */
import {
  currentRound,
  dispatchBlocker,
  ERROR_MESSAGES,
  JOB_LIMITS,
  jobContent,
  jobContentHash,
  jobIdFor,
  newDocumentId,
  qcHistory,
  reopenBlocker,
  type AddedWork,
  type ErrorCode,
  type Job,
  type RepairOrder,
  type RepairOrderStatus,
  type ReworkRecord,
  type Role,
  type SignOff,
} from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import { pinPendingState } from '../../db/outbox.js';
import {
  insertRecords,
  modifyRecord,
  newRecordFields,
  type Author,
} from '../../db/record-writes.js';
import { normalisedReasons, signOffInputBlocker, type SignOffInput } from './sign-off-draft.js';
import { signAs, signerFor, signWith } from '../session/index.js';

/** The person acting: the author stamped on records, and the role the rules judge. */
export interface WorkshopUser extends Author {
  role: Role;
}

/** A workshop rule refused the action; nothing was written. */
export class WorkshopRuleError extends Error {
  constructor(readonly code: ErrorCode) {
    super(ERROR_MESSAGES[code].en);
    this.name = 'WorkshopRuleError';
  }
}

// ---- Reads ----------------------------------------------------------------------------

async function findOrder(database: LaneDatabase, orderId: string): Promise<RepairOrder> {
  const document = await database.repair_orders.findOne(orderId).exec(true);
  return document.toJSON() as RepairOrder;
}

async function findJob(database: LaneDatabase, orderId: string): Promise<Job | null> {
  const document = await database.records.jobs.findOne(jobIdFor(orderId)).exec();
  return document ? database.records.jobs.plain<Job>(document) : null;
}

async function findByOrder<T>(
  database: LaneDatabase,
  name: 'sign_offs' | 'added_work' | 'rework_records',
  orderId: string,
): Promise<T[]> {
  const records = database.records[name];
  const documents = await records.find({ selector: { orderId } }).exec();
  return documents.map((document) => records.plain<T>(document));
}

// ---- Writes ---------------------------------------------------------------------------

async function setOrderStatus(
  database: LaneDatabase,
  user: WorkshopUser,
  orderId: string,
  from: RepairOrderStatus[],
  to: RepairOrderStatus,
): Promise<void> {
  const order = await findOrder(database, orderId);
  if (!from.includes(order.status)) return;
  await modifyRecord<RepairOrder>(database, 'repair_orders', user, orderId, (current) =>
    from.includes(current.status) ? { ...current, status: to } : current,
  );
}

export interface Assignment {
  technician: string;
  bay: string;
}

/** 派工: assigns technician and bay (the foreman's); the car then counts as in the workshop. */
export async function dispatch(
  database: LaneDatabase,
  user: WorkshopUser,
  orderId: string,
  assignment: Assignment,
  now = Date.now(),
): Promise<Job> {
  const after = { technician: assignment.technician, bay: assignment.bay.trim() };
  after.bay = after.bay.slice(0, JOB_LIMITS.bay);
  const before = await findJob(database, orderId);
  const blocker = dispatchBlocker(before ?? undefined, after, user.role);
  if (blocker) throw new WorkshopRuleError(blocker);
  const dispatched = { ...after, dispatchedBy: user.username, dispatchedAt: now };
  let job: Job;
  if (before) {
    job = await modifyRecord<Job>(database, 'jobs', user, before.id, (current) => ({
      ...current,
      ...dispatched,
    }));
  } else {
    job = {
      id: jobIdFor(orderId),
      ...newRecordFields(user, now),
      orderId,
      ...dispatched,
      operations: [],
      findings: [],
      conflicts: [],
    };
    await insertRecords(database, 'jobs', [job]);
  }
  await setOrderStatus(database, user, orderId, ['checked-in'], 'in-workshop');
  return job;
}

/** Ticks (or unticks) one of the order's operations, recording who and when. */
export function tickOperation(
  database: LaneDatabase,
  user: WorkshopUser,
  orderId: string,
  operationId: string,
  done: boolean,
  now = Date.now(),
): Promise<Job> {
  const entry = { operationId, done, doneBy: user.username, doneAt: now };
  return modifyRecord<Job>(database, 'jobs', user, jobIdFor(orderId), (current) => ({
    ...current,
    operations: [
      ...current.operations.filter((operation) => operation.operationId !== operationId),
      entry,
    ],
  }));
}

/** A finding (what the technician saw), with photos already stored by the photos feature. */
export function addFinding(
  database: LaneDatabase,
  user: WorkshopUser,
  orderId: string,
  finding: { text: string; photoIds: readonly string[] },
  now = Date.now(),
): Promise<Job> {
  const entry = {
    id: newDocumentId(),
    text: finding.text.trim(),
    photoIds: [...new Set(finding.photoIds)].slice(0, JOB_LIMITS.photosPerFinding),
    foundBy: user.username,
    foundAt: now,
  };
  return modifyRecord<Job>(database, 'jobs', user, jobIdFor(orderId), (current) => ({
    ...current,
    findings: [...current.findings, entry],
  }));
}

/** Everything a sign-off of this order is judged against, read fresh from the database. */
async function signOffContext(database: LaneDatabase, orderId: string) {
  const [order, job, addedWork, signOffs, reworks] = await Promise.all([
    findOrder(database, orderId),
    findJob(database, orderId),
    findByOrder<AddedWork>(database, 'added_work', orderId),
    findByOrder<SignOff>(database, 'sign_offs', orderId),
    findByOrder<ReworkRecord>(database, 'rework_records', orderId),
  ]);
  if (!job) throw new WorkshopRuleError('SIGNOFF_NOT_ASSIGNED');
  const content = jobContent({ order, job, addedWork });
  // Reopenings count like failed checks (qc-reopen.ts), so the round is the server's.
  const history = qcHistory(signOffs, reworks);
  return { job, signOffs, reworks, history, content, contentHash: await jobContentHash(content) };
}

/**
 * Signs one level of the three-level check (append-only). A failed check
 * also opens a rework record that sends the job back to its technician; a
 * passed final check makes the order ready for delivery.
 */
export async function signOff(
  database: LaneDatabase,
  user: WorkshopUser,
  orderId: string,
  input: SignOffInput,
  now = Date.now(),
): Promise<SignOff> {
  const { job, history, content, contentHash } = await signOffContext(database, orderId);
  const blocker = signOffInputBlocker(input, user, history, {
    technician: job.technician,
    content,
    contentHash,
  });
  if (blocker) throw new WorkshopRuleError(blocker);
  // Before anything is written: a locked key refuses the whole sign-off (SIGNER_KEY_LOCKED).
  const signer = signerFor(user);
  const record: SignOff = await signWith(signer, 'sign_offs', {
    id: newDocumentId(),
    ...newRecordFields(user, now),
    orderId,
    jobId: job.id,
    level: input.level,
    round: currentRound(history),
    result: input.result,
    signerRole: user.role,
    checklist: [...input.checklist],
    reasons: normalisedReasons(input),
    jobRevision: job.updatedAt,
    content,
    contentHash,
    signedAt: now,
  });
  // The server must come to hold the very job revision this sign-off names.
  await pinPendingState(database, 'jobs', job.id, job.updatedAt);
  await insertRecords(database, 'sign_offs', [record]);
  if (record.result === 'fail') await openRework(database, user, record, job, input.cause ?? '');
  if (record.result === 'pass' && record.level === 'final')
    await setOrderStatus(database, user, orderId, ['checked-in', 'in-workshop'], 'ready');
  return record;
}

async function openRework(
  database: LaneDatabase,
  user: WorkshopUser,
  failed: SignOff,
  job: Job,
  cause: string,
): Promise<void> {
  const rework: ReworkRecord = await signAs(user, 'rework_records', {
    id: newDocumentId(),
    ...newRecordFields(user, failed.signedAt),
    orderId: failed.orderId,
    jobId: job.id,
    signOffId: failed.id,
    level: failed.level,
    round: failed.round,
    whatFailed: failed.reasons,
    failedBy: user.username,
    cause: cause.trim().slice(0, 500),
    // Rework goes back to the original technician (DOMAIN.md step 4).
    technician: job.technician,
  });
  await insertRecords(database, 'rework_records', [rework]);
}

/** "Reopen job" (重新开工): a rework record voiding the passed final check (qc-reopen.ts). */
export async function reopenJob(
  database: LaneDatabase,
  user: WorkshopUser,
  orderId: string,
  reason: string,
): Promise<ReworkRecord> {
  const { job, signOffs, reworks, history } = await signOffContext(database, orderId);
  const round = currentRound(history);
  const passed = signOffs.find((entry) => entry.round === round && entry.level === 'final');
  const reopening: ReworkRecord = {
    id: newDocumentId(),
    ...newRecordFields(user),
    orderId,
    jobId: job.id,
    signOffId: passed?.id ?? '',
    level: 'final',
    round,
    whatFailed: reason.trim().slice(0, 1000),
    failedBy: user.username,
    cause: '',
    technician: job.technician,
    reason: 'reopened',
  };
  const blocker = reopenBlocker(reopening, user.role, signOffs, reworks);
  if (blocker) throw new WorkshopRuleError(blocker);
  await insertRecords(database, 'rework_records', [
    await signAs(user, 'rework_records', reopening),
  ]);
  await setOrderStatus(database, user, orderId, ['ready'], 'in-workshop');
  return reopening;
}

export {
  useAddedWork,
  useJob,
  useMyJobs,
  usePendingSignOffIds,
  useReworks,
  useSignOffs,
  useWorkshopBoard,
  useWorkshopCard,
  useWorkshopOrder,
} from './data-live.js';

import { canonicalJson } from './canonical-json.js';
import type { ErrorCode } from './errors.js';
import type { Job } from './job.js';
import type { RepairOrder } from './repair-order.js';
import type { JobContent, SignOff } from './sign-off.js';
import {
  contentMatchesJob,
  nextSignOffLevel,
  type HistoryEntry,
  type JobCheckedState,
} from './workshop-rules.js';

/**
 * A sign-off against the job revision it names, judged by facts only the
 * server holds (the job revisions it stored, the job and order as it has
 * them): the tablet cannot switch these checks off with a value it chooses.
 * Also the rule that a job's final pass closes it until it is reopened.
 */

/** A job as the server keeps it for each revision: what a sign-off's content is checked against. */
export interface JobRevisionState extends JobCheckedState {
  deleted: boolean;
}

type JobState = Pick<Job, 'operations' | 'findings'> & { _deleted?: boolean };

export function jobRevisionState(job: JobState): JobRevisionState {
  // Rows stored before the job schema was complete (migration 9 backfills them) may lack lists.
  const partial = job as Partial<JobState>;
  const operations = (partial.operations ?? [])
    .map(({ operationId, done }) => ({ operationId, done }))
    .sort((a, b) => (a.operationId < b.operationId ? -1 : a.operationId > b.operationId ? 1 : 0));
  return {
    operations,
    // In the job's order: a sign-off's content lists the findings the same way (jobContent).
    findings: (partial.findings ?? []).map(({ id, text, photoIds }) => ({
      id,
      text,
      photoIds: [...photoIds],
    })),
    deleted: job._deleted === true,
  };
}

/** What the server knows when it judges a sign-off against its job. */
export interface SignOffJobFacts {
  /** The job as the server holds it now; undefined while it has not reached the server. */
  job: (Pick<Job, 'technician' | 'updatedAt'> & JobState) | undefined;
  /** The states the server stored for the job at the revision the sign-off names. */
  revisionStates: readonly JobRevisionState[];
  /** The order's operations, when the order is on the server. */
  orderOperations: Pick<RepairOrder, 'operations'>['operations'] | undefined;
  /** The server's clock: a revision far beyond it was never made by a tablet. */
  serverTime: number;
}

/** How far ahead of the server a tablet's clock may run before its revisions count as made up. */
export const MAX_REVISION_AHEAD_MS = 24 * 60 * 60 * 1000;

/** 'pending' until the job revision it names reaches the server; then 'valid' or why not. */
export type SignOffJobVerdict = 'pending' | 'valid' | ErrorCode;

type JudgedSignOff = Pick<SignOff, 'level' | 'result' | 'createdBy' | 'jobRevision' | 'content'>;

export function signOffJobVerdict(
  signOff: JudgedSignOff,
  facts: SignOffJobFacts,
): SignOffJobVerdict {
  const { job } = facts;
  if (!job) return 'pending';
  if (job._deleted === true) return 'SIGNOFF_JOB_DELETED';
  if (signOff.level === 'self' && job.technician !== signOff.createdBy)
    return 'SIGNOFF_NOT_ASSIGNED';
  if (facts.orderOperations && !operationsAgreeWithOrder(signOff.content, facts.orderOperations))
    return 'SIGNOFF_CONTENT_MISMATCH';
  if (facts.revisionStates.length === 0) return unstoredRevision(signOff, job, facts.serverTime);
  const orderKnown = facts.orderOperations !== undefined;
  const covered = facts.revisionStates.some(
    (state) => !state.deleted && contentCoversState(signOff.content, state, orderKnown),
  );
  if (!covered) return 'SIGNOFF_CONTENT_MISMATCH';
  // The final pass releases the car: it must cover the job as it stands, not an older revision.
  if (
    signOff.level === 'final' &&
    signOff.result === 'pass' &&
    !contentMatchesJob(signOff.content, job)
  )
    return 'SIGNOFF_JOB_CHANGED';
  return 'valid';
}

/**
 * A revision the server has not stored. A tablet's revisions of a job only grow
 * (record-writes.ts): one at or below the server's newest is made up or was merged
 * away and will never arrive; a newer one may be on its way, so the sign-off waits.
 */
function unstoredRevision(
  signOff: JudgedSignOff,
  job: Pick<Job, 'updatedAt'>,
  serverTime: number,
): SignOffJobVerdict {
  const onItsWay =
    signOff.jobRevision > job.updatedAt &&
    signOff.jobRevision <= serverTime + MAX_REVISION_AHEAD_MS;
  return onItsWay ? 'pending' : 'SIGNOFF_REVISION_UNKNOWN';
}

/** The content lists exactly the order's operations, with their descriptions, in order. */
export function operationsAgreeWithOrder(
  content: JobContent,
  orderOperations: NonNullable<SignOffJobFacts['orderOperations']>,
): boolean {
  const listed = content.operations.map(({ operationId, description }) => [
    operationId,
    description,
  ]);
  const ordered = orderOperations.map(({ id, description }) => [id, description]);
  return canonicalJson(listed) === canonicalJson(ordered);
}

function contentCoversState(content: JobContent, state: JobRevisionState, orderKnown: boolean) {
  if (!contentMatchesJob(content, state)) return false;
  if (orderKnown) return true;
  // Without the order, leaving an operation out must not hide that the job says it is not done.
  const listed = new Set(content.operations.map((operation) => operation.operationId));
  return state.operations.every((operation) => operation.done || listed.has(operation.operationId));
}

// ---- Closed by the final pass ---------------------------------------------------------

/** What the final pass closes: the work recorded, who does it where, the job's existence. */
function closedPart(job: Pick<Job, 'operations' | 'findings' | 'technician' | 'bay'> & JobState) {
  const { operations, findings, technician, bay } = job;
  return canonicalJson({ operations, findings, technician, bay, deleted: job._deleted === true });
}

/**
 * After a final pass the server has judged valid, the job is closed: any change
 * of its work, assignment or existence is refused until a reopening (qc-reopen.ts)
 * starts a new round. A pass still pending does not close it: the job revision
 * it names may be the very write being judged.
 */
export function jobClosedBlocker(
  before: (Pick<Job, 'operations' | 'findings' | 'technician' | 'bay'> & JobState) | undefined,
  after: Pick<Job, 'operations' | 'findings' | 'technician' | 'bay'> & JobState,
  history: readonly HistoryEntry[],
): ErrorCode | null {
  if (!before) return null;
  const judged = history.filter((entry) => entry.serverCheck !== 'pending');
  if (nextSignOffLevel(judged) !== null) return null;
  return closedPart(before) === closedPart(after) ? null : 'JOB_CLOSED_AFTER_QC';
}

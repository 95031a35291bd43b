import { addedWorkNeedsApproval, type AddedWork } from './added-work.js';
import type { Approval } from './approval.js';
import { canonicalJson } from './canonical-json.js';
import type { ErrorCode } from './errors.js';
import { sha256Hex } from './hash.js';
import type { Job } from './job.js';
import type { RepairOrder } from './repair-order.js';
import type { Role } from './roles.js';
import {
  OPTIONAL_CHECK_ITEMS,
  SIGN_OFF_CHECKLISTS,
  type ChecklistAnswer,
  type JobContent,
  type SignOff,
  type SignOffLevel,
  type SignOffResult,
} from './sign-off.js';

/**
 * The workshop's rules, written once: the tablet uses them to offer only
 * what is allowed (and to say why not), the server re-checks every push with
 * the same functions. Each refusal is a stable error code (errors.ts).
 */

/** Who may sign each level. The self-check is also limited to the job's technician. */
export const SIGN_OFF_ROLES: Record<SignOffLevel, readonly Role[]> = {
  self: ['technician', 'team-leader'],
  peer: ['team-leader'],
  final: ['foreman'],
};

/** Who may assign a job's technician and bay (派工). */
export const DISPATCH_ROLES: readonly Role[] = ['foreman'];

// ---- Job content: what a sign-off covers --------------------------------------------

export interface JobContentInput {
  order: Pick<RepairOrder, 'id' | 'operations' | 'odometerKm' | 'fuelEighths'>;
  job: Pick<Job, 'id' | 'operations' | 'findings'>;
  addedWork: readonly AddedWork[];
}

/**
 * The job as signed: each of the order's operations with its done state, the
 * findings, the added work with its status and price, and the readings.
 * Order-independent (sorted) so two tablets compute the same hash.
 */
export function jobContent({ order, job, addedWork }: JobContentInput): JobContent {
  const done = new Map(job.operations.map((entry) => [entry.operationId, entry.done]));
  return {
    orderId: order.id,
    jobId: job.id,
    operations: (order.operations ?? []).map((operation) => ({
      operationId: operation.id,
      description: operation.description,
      done: done.get(operation.id) ?? false,
    })),
    findings: job.findings.map(({ id, text, photoIds }) => ({ id, text, photoIds: [...photoIds] })),
    addedWork: [...addedWork]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map(({ id, operation, status, partsFen, labourFen }) => ({
        id,
        operation,
        status,
        partsFen,
        labourFen,
      })),
    odometerKm: order.odometerKm ?? -1,
    fuelEighths: order.fuelEighths ?? -1,
  };
}

export function jobContentHash(content: JobContent): Promise<string> {
  return sha256Hex(canonicalJson(content));
}

/** What of a job a sign-off's content is compared with: its done states and findings. */
export interface JobCheckedState {
  operations: readonly Pick<Job['operations'][number], 'operationId' | 'done'>[];
  findings: readonly Pick<Job['findings'][number], 'id' | 'text' | 'photoIds'>[];
}

/** Does the content a sign-off carries agree with the job record at the revision it names? */
export function contentMatchesJob(content: JobContent, job: JobCheckedState) {
  const done = new Map(job.operations.map((entry) => [entry.operationId, entry.done]));
  const operationsAgree = content.operations.every(
    (operation) => (done.get(operation.operationId) ?? false) === operation.done,
  );
  const findings = job.findings.map(({ id, text, photoIds }) => ({ id, text, photoIds }));
  return operationsAgree && canonicalJson(findings) === canonicalJson(content.findings);
}

// ---- The three-level check ----------------------------------------------------------

export type JobStage = 'waiting-dispatch' | 'in-bay' | 'waiting-checks' | 'rework' | 'ready';

/**
 * One step of a job's check history: a sign-off (with the server's stamp once
 * it has one), or a reopening, which counts like a failed final check
 * (qc-reopen.ts `qcHistory`). A sign-off the server refused counts as not given.
 */
export type HistoryEntry = Pick<
  SignOff,
  'level' | 'result' | 'round' | 'createdBy' | 'contentHash'
> &
  Partial<Pick<SignOff, 'serverCheck'>>;

function counted<T extends Pick<HistoryEntry, 'serverCheck'>>(history: readonly T[]): T[] {
  return history.filter((entry) => entry.serverCheck !== 'refused');
}

/** The round a new sign-off belongs to: one more for every failed check (and reopening). */
export function currentRound(history: readonly Pick<HistoryEntry, 'result' | 'serverCheck'>[]) {
  return counted(history).filter((signOff) => signOff.result === 'fail').length;
}

function roundEntries<T extends HistoryEntry>(history: readonly T[]): T[] {
  const round = currentRound(history);
  return counted(history).filter((signOff) => signOff.round === round);
}

/** The level the job waits for next, or null once final QC has passed. */
export function nextSignOffLevel(history: readonly HistoryEntry[]): SignOffLevel | null {
  const inRound = roundEntries(history);
  const passed = (level: SignOffLevel) =>
    inRound.some((signOff) => signOff.level === level && signOff.result === 'pass');
  // In order: a pass whose lower level was refused by the server does not count.
  if (!passed('self')) return 'self';
  if (!passed('peer')) return 'peer';
  return passed('final') ? null : 'final';
}

/** Has the server still to judge one of this round's checks against its job revision? */
export function roundPendingOnServer(history: readonly HistoryEntry[]): boolean {
  return roundEntries(history).some((signOff) => signOff.serverCheck === 'pending');
}

export function jobStage(
  job: Pick<Job, 'technician'> | null | undefined,
  history: readonly HistoryEntry[],
): JobStage {
  if (!job || job.technician === '') return 'waiting-dispatch';
  const next = nextSignOffLevel(history);
  // Checks the server has not judged yet are not valid yet: the car is not ready.
  if (next === null) return roundPendingOnServer(history) ? 'waiting-checks' : 'ready';
  if (next !== 'self') return 'waiting-checks';
  return currentRound(history) > 0 ? 'rework' : 'in-bay';
}

export interface SignOffCandidate {
  level: SignOffLevel;
  result: SignOffResult;
  round: number;
  signer: { username: string; role: Role };
  checklist: readonly ChecklistAnswer[];
  reasons: string;
  content: JobContent;
  contentHash: string;
}

/** Are the checklist's answers complete, and all good enough to pass? */
export function checklistComplete(level: SignOffLevel, answers: readonly ChecklistAnswer[]) {
  const byItem = new Map(answers.map((entry) => [entry.item, entry.answer]));
  return SIGN_OFF_CHECKLISTS[level].every((item) => byItem.has(item));
}

export function checklistPasses(level: SignOffLevel, answers: readonly ChecklistAnswer[]) {
  const byItem = new Map(answers.map((entry) => [entry.item, entry.answer]));
  return SIGN_OFF_CHECKLISTS[level].every((item) => {
    const answer = byItem.get(item);
    return answer === 'yes' || (answer === 'na' && OPTIONAL_CHECK_ITEMS.includes(item));
  });
}

/** Every operation done and every added work done or declined by the customer: the job is finished. */
export function jobWorkComplete(content: JobContent): boolean {
  return (
    content.operations.every((operation) => operation.done) &&
    content.addedWork.every((work) => work.status === 'done' || work.status === 'declined')
  );
}

/**
 * Why this sign-off may not be given, or null if it may. `history` is every
 * sign-off already accepted for the job; `jobTechnician` is the assigned
 * technician when known. Checked on the tablet before signing and by the
 * server on every push.
 */
export function signOffBlocker(
  candidate: SignOffCandidate,
  history: readonly HistoryEntry[],
  jobTechnician: string | undefined,
): ErrorCode | null {
  const { level, signer } = candidate;
  if (!SIGN_OFF_ROLES[level].includes(signer.role)) return 'SIGNOFF_ROLE_FORBIDDEN';
  if (level === 'self' && jobTechnician !== undefined && jobTechnician !== signer.username)
    return 'SIGNOFF_NOT_ASSIGNED';
  if (level === 'self' && candidate.result !== 'pass') return 'SIGNOFF_SELF_CHECK_FAIL';
  const next = nextSignOffLevel(history);
  if (candidate.round !== currentRound(history) || next !== level) return 'SIGNOFF_OUT_OF_ORDER';
  const inRound = roundEntries(history);
  if (inRound.some((signOff) => signOff.createdBy === signer.username))
    return 'SIGNOFF_SAME_PERSON';
  if (candidate.result === 'fail') {
    // A fail is always possible, changed content included: it is how a job whose
    // content moved after the self-check goes back for a new round of checks.
    if (candidate.reasons.trim() === '') return 'SIGNOFF_REASON_REQUIRED';
    return null;
  }
  const self = inRound.find((signOff) => signOff.level === 'self');
  if (self && self.contentHash !== candidate.contentHash) return 'SIGNOFF_CONTENT_CHANGED';
  if (!checklistPasses(level, candidate.checklist)) return 'SIGNOFF_INCOMPLETE';
  if (!jobWorkComplete(candidate.content)) return 'SIGNOFF_INCOMPLETE';
  return null;
}

/** The same rule for a stored sign-off document; the hash is recomputed from its content. */
export async function signOffDocumentBlocker(
  signOff: SignOff,
  signer: { username: string; role: Role },
  history: readonly HistoryEntry[],
  jobTechnician: string | undefined,
): Promise<ErrorCode | null> {
  if (signOff.signerRole !== signer.role) return 'SIGNOFF_ROLE_FORBIDDEN';
  if ((await jobContentHash(signOff.content)) !== signOff.contentHash)
    return 'SIGNOFF_CONTENT_MISMATCH';
  if (signOff.content.jobId !== signOff.jobId || signOff.content.orderId !== signOff.orderId)
    return 'SIGNOFF_CONTENT_MISMATCH';
  return signOffBlocker({ ...signOff, signer }, history, jobTechnician);
}

// ---- Added work ---------------------------------------------------------------------

/**
 * Added work may be started (or marked done) only with the customer's
 * approval of exactly this content: the approval it names, decided
 * 'approved', bound to the current content hash.
 */
export function addedWorkBlocker(
  work: Pick<AddedWork, 'status' | 'approvalId'>,
  currentContentHash: string,
  approvals: readonly Pick<Approval, 'id' | 'decision' | 'contentHash' | 'addedWorkId'>[],
): ErrorCode | null {
  if (!addedWorkNeedsApproval(work.status)) return null;
  const approval = approvals.find((entry) => entry.id === work.approvalId);
  if (!approval || approval.decision !== 'approved' || approval.contentHash !== currentContentHash)
    return 'ADDED_WORK_NOT_AUTHORISED';
  return null;
}

// ---- Dispatch -----------------------------------------------------------------------

/** A change of technician or bay is the foreman's (派工). */
export function dispatchBlocker(
  before: Pick<Job, 'technician' | 'bay'> | undefined,
  after: Pick<Job, 'technician' | 'bay'>,
  role: Role,
): ErrorCode | null {
  const changed = before
    ? before.technician !== after.technician || before.bay !== after.bay
    : after.technician !== '' || after.bay !== '';
  return changed && !DISPATCH_ROLES.includes(role) ? 'DISPATCH_ROLE_FORBIDDEN' : null;
}

import {
  addedWorkBlocker,
  addedWorkContentHash,
  dispatchBlocker,
  isReopening,
  jobClosedBlocker,
  qcHistory,
  reopenBlocker,
  signOffDocumentBlocker,
  type HistoryEntry,
  type AddedWork,
  type Approval,
  type CollectionName,
  type ErrorCode,
  type Job,
  type Pusher,
  type ReworkRecord,
  type Role,
  type SignOff,
} from '../../src/schema/index.js';
import type { StoredDocument } from '../database/document-store.js';
import { signOffAgainstJob } from './job-revisions.js';
import type { RuleReads } from './rule-reads.js';

/**
 * The workshop rules of each collection, as the server re-checks them on
 * every push. Each delegates to the shared rule functions in
 * src/schema/workshop-rules.ts: the tablet offers only what these allow.
 */
export interface CollectionRuleInput {
  /** The state pushed (already checked against the collection's schema). */
  next: StoredDocument;
  /** The stored state it replaces, if any. */
  current: StoredDocument | undefined;
  siteId: string;
  reads: RuleReads;
  /** The token's user and their role now: every role rule reads this, never a name in the record. */
  pusher: Pusher;
}

type CollectionRule = (input: CollectionRuleInput) => Promise<ErrorCode | null> | ErrorCode | null;

/** Who records the customer's decision on added work. */
export const APPROVAL_ROLES: readonly Role[] = ['advisor', 'manager'];

function storedOfSite<T>(reads: RuleReads, collection: CollectionName, id: string, siteId: string) {
  const entry = reads.stored(collection, siteId, id);
  return entry && !entry.document._deleted ? (entry.document as unknown as T) : undefined;
}

/** A job's check history as the server holds it: sign-offs (but one) and reopenings. */
function jobHistory(reads: RuleReads, siteId: string, jobId: string, except?: string) {
  const signOffs = reads
    .storedWhere('sign_offs', siteId, 'jobId', jobId)
    .filter((document) => document.id !== except) as unknown as (SignOff & HistoryEntry)[];
  const reworks = reads
    .storedWhere('rework_records', siteId, 'jobId', jobId)
    .filter((document) => document.id !== except) as unknown as ReworkRecord[];
  return { signOffs, reworks, history: qcHistory(signOffs, reworks) };
}

const jobRule: CollectionRule = ({ next, current, siteId, reads, pusher }) => {
  const job = next as unknown as Job;
  const before = current as unknown as Job | undefined;
  return (
    dispatchBlocker(before, job, pusher.role) ??
    jobClosedBlocker(before, job, jobHistory(reads, siteId, job.id).history)
  );
};

const addedWorkRule: CollectionRule = async ({ next, siteId, reads }) => {
  const work = next as unknown as AddedWork;
  const approvals = reads.storedWhere('approvals', siteId, 'addedWorkId', work.id);
  return addedWorkBlocker(
    work,
    await addedWorkContentHash(work),
    approvals as unknown as Approval[],
  );
};

const signOffRule: CollectionRule = async ({ next, siteId, reads, pusher }) => {
  const signOff = next as unknown as SignOff;
  const { history } = jobHistory(reads, siteId, signOff.jobId, signOff.id);
  // Jobs replicate on their own: an unknown job is checked when it arrives (pending).
  const job = storedOfSite<Job>(reads, 'jobs', signOff.jobId, siteId);
  // The signer is who signed in: lifecycle rules made sure createdBy names them.
  const signer = { username: pusher.username, role: pusher.role };
  const blocker = await signOffDocumentBlocker(signOff, signer, history, job?.technician);
  if (blocker) return blocker;
  // Against the job revision the server stored, whatever the sign-off claims; one whose
  // revision has not arrived yet is accepted and stamped pending (job-revisions.ts).
  const verdict = signOffAgainstJob(reads, siteId, signOff);
  return verdict === 'valid' || verdict === 'pending' ? null : verdict;
};

const reworkRule: CollectionRule = ({ next, siteId, reads, pusher }) => {
  const rework = next as unknown as ReworkRecord;
  if (isReopening(rework)) {
    // Only a final pass the server holds can be reopened: the rule weighs it against the job.
    const { signOffs, reworks } = jobHistory(reads, siteId, rework.jobId, rework.id);
    return reopenBlocker(rework, pusher.role, signOffs, reworks);
  }
  // An unknown sign-off may still be on its way (collections replicate independently).
  if (!reads.stored('sign_offs', siteId, rework.signOffId)) return null;
  const failed = storedOfSite<SignOff>(reads, 'sign_offs', rework.signOffId, siteId);
  if (failed?.result !== 'fail' || failed.jobId !== rework.jobId) return 'REWORK_WITHOUT_FAILURE';
  // Opened by whoever failed the check, in their own name.
  return failed.createdBy === rework.createdBy ? null : 'REWORK_SIGNER_MISMATCH';
};

const approvalRule: CollectionRule = ({ pusher }) =>
  APPROVAL_ROLES.includes(pusher.role) ? null : 'ROLE_FORBIDDEN';

const COLLECTION_RULES: Partial<Record<CollectionName, CollectionRule>> = {
  jobs: jobRule,
  added_work: addedWorkRule,
  sign_offs: signOffRule,
  rework_records: reworkRule,
  approvals: approvalRule,
};

export async function collectionRefusal(
  collection: CollectionName,
  input: CollectionRuleInput,
): Promise<ErrorCode | null> {
  return (await COLLECTION_RULES[collection]?.(input)) ?? null;
}

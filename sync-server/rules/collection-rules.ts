import {
  addedWorkBlocker,
  addedWorkContentHash,
  contentMatchesJob,
  dispatchBlocker,
  signOffDocumentBlocker,
  type AddedWork,
  type Approval,
  type CollectionName,
  type ErrorCode,
  type Job,
  type ReworkRecord,
  type Role,
  type SignOff,
} from '../../src/schema/index.js';
import type { StoredDocument } from '../database/document-store.js';
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
  /** Role of a user of the pushing site; authors were checked before these rules run. */
  roleOf: (username: string) => Role;
}

type CollectionRule = (input: CollectionRuleInput) => Promise<ErrorCode | null> | ErrorCode | null;

/** Who records the customer's decision on added work. */
export const APPROVAL_ROLES: readonly Role[] = ['advisor', 'manager'];

function storedOfSite<T>(reads: RuleReads, collection: CollectionName, id: string, siteId: string) {
  const entry = reads.stored(collection, id);
  return entry && entry.siteId === siteId && !entry.document._deleted
    ? (entry.document as unknown as T)
    : undefined;
}

const jobRule: CollectionRule = ({ next, current, roleOf }) => {
  const job = next as unknown as Job;
  return dispatchBlocker(current as unknown as Job | undefined, job, roleOf(job.updatedBy));
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

const signOffRule: CollectionRule = async ({ next, siteId, reads, roleOf }) => {
  const signOff = next as unknown as SignOff;
  const history = reads
    .storedWhere('sign_offs', siteId, 'jobId', signOff.jobId)
    .filter((document) => document.id !== signOff.id) as unknown as SignOff[];
  // Jobs replicate on their own: an unknown job leaves the assignment unchecked, not refused.
  const job = storedOfSite<Job>(reads, 'jobs', signOff.jobId, siteId);
  const signer = { username: signOff.createdBy, role: roleOf(signOff.createdBy) };
  const blocker = await signOffDocumentBlocker(signOff, signer, history, job?.technician);
  if (blocker) return blocker;
  // Checked only against the revision it names: a later job edit must not void an honest sign-off.
  if (job && job.updatedAt === signOff.jobRevision && !contentMatchesJob(signOff.content, job))
    return 'SIGNOFF_CONTENT_MISMATCH';
  return null;
};

const reworkRule: CollectionRule = ({ next, siteId, reads }) => {
  const rework = next as unknown as ReworkRecord;
  // An unknown sign-off may still be on its way (collections replicate independently).
  if (!reads.stored('sign_offs', rework.signOffId)) return null;
  const failed = storedOfSite<SignOff>(reads, 'sign_offs', rework.signOffId, siteId);
  return failed?.result === 'fail' && failed.jobId === rework.jobId
    ? null
    : 'REWORK_WITHOUT_FAILURE';
};

const approvalRule: CollectionRule = ({ next, roleOf }) =>
  APPROVAL_ROLES.includes(roleOf(String(next.createdBy))) ? null : 'ROLE_FORBIDDEN';

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

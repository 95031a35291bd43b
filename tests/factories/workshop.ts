import {
  DEMO_SITE,
  DEMO_USERS,
  SIGN_OFF_CHECKLISTS,
  addedWorkContentHash,
  jobContent,
  jobContentHash,
  jobIdFor,
  newDocumentId,
  type AddedWork,
  type Approval,
  type Job,
  type RepairOperation,
  type RepairOrder,
  type ReworkRecord,
  type Role,
  type SignOff,
  type SignOffLevel,
  type SignOffResult,
} from '../../src/schema/index.js';
import { makeRepairOrder } from './repair-order.js';
import { signedIfKeyKnown } from '../integration/helpers/signer-keys.js';

/**
 * Valid workshop records for tests (a dispatched job, added work and its
 * approval, sign-offs with their content hash, rework): every required field
 * filled as the tablet would; pass overrides for what a test is about. Signing
 * records are signed with the author's key when a test registered one
 * (tests/integration/helpers/signer-keys.ts).
 */
const NOW = 1_767_000_000_000;

export const OPERATIONS: RepairOperation[] = [
  {
    id: 'op-brakes',
    description: '更换前刹车片',
    labourFen: 20_000,
    partsFen: 45_000,
    warranty: false,
  },
  {
    id: 'op-oil',
    description: '更换机油及机滤',
    labourFen: 8_000,
    partsFen: 32_000,
    warranty: false,
  },
];

/** The demo site's people by username: what the server knows of each signer. */
export function roleOf(username: string): Role {
  const user = DEMO_USERS.find((entry) => entry.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user.role;
}

function recordFields(author: string, at = NOW) {
  return {
    siteId: DEMO_SITE.id,
    createdAt: at,
    createdBy: author,
    updatedAt: at,
    updatedBy: author,
  };
}

export function makeWorkshopOrder(overrides: Partial<RepairOrder> = {}): RepairOrder {
  return makeRepairOrder({ status: 'in-workshop', operations: OPERATIONS, ...overrides });
}

/** A job dispatched by the foreman to tech1, every operation done. */
export function makeJob(order: RepairOrder, overrides: Partial<Job> = {}): Job {
  return {
    id: jobIdFor(order.id),
    ...recordFields('foreman1'),
    siteId: order.siteId,
    orderId: order.id,
    technician: 'tech1',
    bay: 'B3',
    dispatchedBy: 'foreman1',
    dispatchedAt: NOW,
    operations: (order.operations ?? []).map((operation) => ({
      operationId: operation.id,
      done: true,
      doneBy: 'tech1',
      doneAt: NOW,
    })),
    findings: [],
    conflicts: [],
    ...overrides,
  };
}

/** The job as the foreman's dispatch (派工) makes it: assigned, nothing done yet. */
export function makeDispatchedJob(order: RepairOrder, overrides: Partial<Job> = {}): Job {
  return makeJob(order, { operations: [], ...overrides });
}

/** The job after `by` (its technician) ticked every operation of the order, in their own name. */
export function workedJob(order: RepairOrder, job: Job, by = job.technician): Job {
  const at = job.updatedAt + 1;
  return {
    ...job,
    operations: (order.operations ?? []).map((operation) => ({
      operationId: operation.id,
      done: true,
      doneBy: by,
      doneAt: at,
    })),
    updatedAt: at,
    updatedBy: by,
  };
}

export function makeAddedWork(job: Job, overrides: Partial<AddedWork> = {}): AddedWork {
  return {
    id: newDocumentId(),
    ...recordFields('tech1'),
    siteId: job.siteId,
    orderId: job.orderId,
    jobId: job.id,
    finding: '左前减震器漏油',
    operation: '更换左前减震器',
    partsFen: 68_000,
    labourFen: 15_000,
    minutes: 60,
    evidencePhotoIds: [],
    status: 'priced',
    pricedBy: 'advisor1',
    pricedAt: NOW,
    promisedDeliveryAt: 0,
    approvalId: '',
    startedBy: '',
    doneBy: '',
    conflicts: [],
    ...overrides,
  };
}

/** Added work as the technician requests it: not priced yet. */
export function makeRequestedWork(job: Job, overrides: Partial<AddedWork> = {}): AddedWork {
  return makeAddedWork(job, { status: 'requested', pricedBy: '', pricedAt: 0, ...overrides });
}

/** The advisor's price on requested work, as an edit in the advisor's own name. */
export function pricedWork(work: AddedWork, by = 'advisor1'): AddedWork {
  const at = work.updatedAt + 1;
  return { ...work, status: 'priced', pricedBy: by, pricedAt: at, updatedAt: at, updatedBy: by };
}

/** The customer's decision by phone, bound to the work's current content. */
export async function makeApproval(
  work: AddedWork,
  overrides: Partial<Approval> = {},
): Promise<Approval> {
  return signedIfKeyKnown('approvals', {
    id: newDocumentId(),
    ...recordFields('advisor1'),
    siteId: work.siteId,
    orderId: work.orderId,
    addedWorkId: work.id,
    decision: 'approved',
    method: 'phone',
    signatureId: '',
    approverName: '张伟',
    phoneNumber: '138 0013 8000',
    calledAt: NOW,
    contentHash: await addedWorkContentHash(work),
    ...overrides,
  });
}

export interface SignOffInput {
  order: RepairOrder;
  job: Job;
  level: SignOffLevel;
  by: string;
  round?: number;
  result?: SignOffResult;
  addedWork?: AddedWork[];
  overrides?: Partial<SignOff>;
}

/** A sign-off as the tablet makes it: every check answered yes, the job's content and its hash. */
export async function makeSignOff(input: SignOffInput): Promise<SignOff> {
  const { order, job, level, by, round = 0, result = 'pass', addedWork = [] } = input;
  const content = jobContent({ order, job, addedWork });
  return signedIfKeyKnown('sign_offs', {
    id: newDocumentId(),
    ...recordFields(by),
    siteId: job.siteId,
    orderId: job.orderId,
    jobId: job.id,
    level,
    round,
    result,
    signerRole: roleOf(by),
    checklist: SIGN_OFF_CHECKLISTS[level].map((item) => ({ item, answer: 'yes' as const })),
    reasons: result === 'fail' ? '右前轮刹车仍有异响' : '',
    jobRevision: job.updatedAt,
    content,
    contentHash: await jobContentHash(content),
    signedAt: NOW,
    ...input.overrides,
  });
}

/** The rework record a failed check opens, sending the car back to the job's technician. */
export function makeRework(
  signOff: SignOff,
  overrides: Partial<ReworkRecord> = {},
): Promise<ReworkRecord> {
  return signedIfKeyKnown('rework_records', {
    id: newDocumentId(),
    ...recordFields(signOff.createdBy),
    siteId: signOff.siteId,
    orderId: signOff.orderId,
    jobId: signOff.jobId,
    signOffId: signOff.id,
    level: signOff.level,
    round: signOff.round,
    whatFailed: signOff.reasons || '检验不合格',
    failedBy: signOff.createdBy,
    cause: '',
    technician: 'tech1',
    ...overrides,
  });
}

/**
 * Who does what with added work, and what the tablet offers in each status.
 * The authorisation rule itself is the schema's (addedWorkBlocker), shared
 * with the server; these only decide which actions a screen shows.
 */
import {
  addedWorkBlocker,
  type AddedWork,
  type AddedWorkStatus,
  type Approval,
  type ErrorCode,
  type Role,
} from '../../schema/index.js';

/** The advisor's side: pricing and the customer's decision. */
export const ADVISOR_ROLES: readonly Role[] = ['advisor', 'manager'];
/** The bay's side: requesting, starting and finishing. */
export const TECHNICIAN_ROLES: readonly Role[] = ['technician', 'team-leader'];

/** The advisor still has to act: price it, or get the customer's decision. */
export const WAITING_FOR_ADVISOR: readonly AddedWorkStatus[] = ['requested', 'priced'];

/**
 * Statuses in which the advisor may (re-)price. Started work may be
 * re-priced when its scope grows: it then waits for a new approval.
 */
export const PRICEABLE: readonly AddedWorkStatus[] = [
  'requested',
  'priced',
  'approved',
  'declined',
  'started',
];

/** Decided or under way: the advisor changes price or decision only when asked to. */
export const SETTLED: readonly AddedWorkStatus[] = ['approved', 'declined', 'started'];

/** Priced work gets a decision; a customer may also change their mind before it starts. */
export const DECIDABLE: readonly AddedWorkStatus[] = ['priced', 'approved', 'declined'];

export type AddedWorkStep = 'started' | 'done';

/** Where each technician step may come from: finishing may skip a separate start. */
const STEP_FROM: Record<AddedWorkStep, readonly AddedWorkStatus[]> = {
  started: ['requested', 'priced', 'approved'],
  done: ['requested', 'priced', 'approved', 'started'],
};

/** Whether the technician sees the step's button at all (disabled while not authorised). */
export function stepOffered(status: AddedWorkStatus, step: AddedWorkStep): boolean {
  return STEP_FROM[step].includes(status);
}

/** Why the technician may not take this step now, or null: the customer must have approved exactly this. */
export function stepBlocker(
  work: Pick<AddedWork, 'status' | 'approvalId'>,
  step: AddedWorkStep,
  currentContentHash: string,
  approvals: readonly Pick<Approval, 'id' | 'decision' | 'contentHash' | 'addedWorkId'>[],
): ErrorCode | null {
  return addedWorkBlocker({ ...work, status: step }, currentContentHash, approvals);
}

export type ApprovalStanding = 'valid' | 'void' | 'superseded';

/**
 * How an approval stands now: the one the work names and still bound to its
 * content is valid; a changed content voids it; an earlier decision is superseded.
 */
export function approvalStanding(
  approval: Pick<Approval, 'id' | 'contentHash'>,
  work: Pick<AddedWork, 'approvalId'>,
  currentContentHash: string | undefined,
): ApprovalStanding {
  if (currentContentHash !== undefined && approval.contentHash !== currentContentHash)
    return 'void';
  return approval.id === work.approvalId ? 'valid' : 'superseded';
}

export function hasRole(role: Role, roles: readonly Role[]): boolean {
  return roles.includes(role);
}

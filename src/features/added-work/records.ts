/**
 * The added-work records as the feature writes them, built without the
 * database: a new request, whether a price changes it, a customer's decision.
 */
import {
  jobIdFor,
  newDocumentId,
  type AddedWork,
  type Approval,
  type ApprovalDecision,
} from '../../schema/index.js';
import { newRecordFields, type Author } from '../../db/record-writes.js';

export interface AddedWorkRequestInput {
  finding: string;
  operation: string;
  partsFen: number;
  labourFen: number;
  minutes: number;
  evidencePhotoIds: string[];
}

export interface AddedWorkPriceInput {
  partsFen: number;
  labourFen: number;
  minutes: number;
  /** The new promised delivery time this work needs; 0 leaves the order's as it is. */
  promisedDeliveryAt: number;
}

export type ApprovalInput = {
  decision: ApprovalDecision;
  /** The content hash the customer was shown; the decision is refused if the work changed since. */
  contentHash?: string;
} & (
  | { method: 'signature'; signatureId: string }
  | { method: 'phone'; approverName: string; phoneNumber: string; calledAt: number }
);

/** A new request as the technician sends it: waiting for the advisor's price. */
export function newAddedWork(
  author: Author,
  orderId: string,
  request: AddedWorkRequestInput,
  now: number,
): AddedWork {
  return {
    id: newDocumentId(),
    ...newRecordFields(author, now),
    orderId,
    jobId: jobIdFor(orderId),
    finding: request.finding.trim(),
    operation: request.operation.trim(),
    partsFen: request.partsFen,
    labourFen: request.labourFen,
    minutes: request.minutes,
    evidencePhotoIds: [...request.evidencePhotoIds],
    status: 'requested',
    pricedBy: '',
    pricedAt: 0,
    promisedDeliveryAt: 0,
    approvalId: '',
    startedBy: '',
    doneBy: '',
    conflicts: [],
  };
}

/** Whether saving this price changes what the customer decided on (and so voids the decision). */
export function priceChanges(work: AddedWork, price: AddedWorkPriceInput): boolean {
  return (
    work.partsFen !== price.partsFen ||
    work.labourFen !== price.labourFen ||
    work.minutes !== price.minutes ||
    work.promisedDeliveryAt !== price.promisedDeliveryAt
  );
}

/** The append-only decision record; a signed one names its signature, a phoned one the call. */
export function newApproval(
  author: Author,
  work: AddedWork,
  input: ApprovalInput,
  contentHash: string,
  now: number,
): Approval {
  const phone =
    input.method === 'phone'
      ? {
          approverName: input.approverName.trim(),
          phoneNumber: input.phoneNumber.trim(),
          calledAt: input.calledAt,
        }
      : { approverName: '', phoneNumber: '', calledAt: 0 };
  return {
    id: newDocumentId(),
    ...newRecordFields(author, now),
    orderId: work.orderId,
    addedWorkId: work.id,
    decision: input.decision,
    method: input.method,
    signatureId: input.method === 'signature' ? input.signatureId : '',
    ...phone,
    contentHash,
  };
}

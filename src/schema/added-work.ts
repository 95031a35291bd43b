import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { canonicalJson } from './canonical-json.js';
import { conflictEntrySchema, MAX_CONFLICT_ENTRIES } from './conflict-entry.js';
import { sha256Hex } from './hash.js';
import {
  orderIdField,
  recordFields,
  RECORD_FIELD_NAMES,
  sha256Field,
  timestampMs,
  userField,
} from './record-fields.js';

/**
 * Added work (追加项目): something the technician found that needs work the
 * customer has not agreed to. The technician requests it with evidence; the
 * advisor prices it and gets the customer's authorisation (an `approvals`
 * record, by signature or by a recorded phone call); only then can the
 * technician start it. A declined request stays as a recommendation.
 *
 * requested → priced → approved → started → done
 *                    ↘ declined
 */
export const ADDED_WORK_STATUSES = [
  'requested',
  'priced',
  'approved',
  'declined',
  'started',
  'done',
] as const;
export type AddedWorkStatus = (typeof ADDED_WORK_STATUSES)[number];

const money = { type: 'integer', minimum: 0, maximum: 100_000_000 } as const;

export const addedWorkSchemaLiteral = {
  title: 'added work',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...recordFields,
    orderId: orderIdField,
    jobId: orderIdField,
    /** What the technician found, in their words. */
    finding: { type: 'string', maxLength: 1000 },
    /** The proposed operation. */
    operation: { type: 'string', maxLength: 200 },
    partsFen: money,
    labourFen: money,
    /** Extra workshop time it needs, in minutes. */
    minutes: { type: 'integer', minimum: 0, maximum: 10_000 },
    evidencePhotoIds: { type: 'array', maxItems: 6, items: sha256Field },
    status: { type: 'string', enum: [...ADDED_WORK_STATUSES], maxLength: 12 },
    pricedBy: userField,
    pricedAt: timestampMs,
    /** The new promised delivery time the customer agreed to with this work; 0 if unchanged. */
    promisedDeliveryAt: timestampMs,
    /** The approval record that authorised (or declined) it; '' until there is one. */
    approvalId: { type: 'string', maxLength: 64 },
    startedBy: userField,
    doneBy: userField,
    conflicts: { type: 'array', maxItems: MAX_CONFLICT_ENTRIES, items: conflictEntrySchema },
  },
  required: [
    ...RECORD_FIELD_NAMES,
    'orderId',
    'jobId',
    'finding',
    'operation',
    'partsFen',
    'labourFen',
    'minutes',
    'evidencePhotoIds',
    'status',
    'pricedBy',
    'pricedAt',
    'promisedDeliveryAt',
    'approvalId',
    'startedBy',
    'doneBy',
    'conflicts',
  ],
  indexes: ['orderId'],
} as const;

export type AddedWork = ExtractDocumentTypeFromTypedRxJsonSchema<typeof addedWorkSchemaLiteral>;

/** What the customer authorises: the work, its price and time, the evidence shown. */
export function addedWorkContent(work: AddedWork) {
  return {
    id: work.id,
    orderId: work.orderId,
    finding: work.finding,
    operation: work.operation,
    partsFen: work.partsFen,
    labourFen: work.labourFen,
    minutes: work.minutes,
    evidencePhotoIds: [...work.evidencePhotoIds],
    promisedDeliveryAt: work.promisedDeliveryAt,
  };
}

export function addedWorkContentHash(work: AddedWork): Promise<string> {
  return sha256Hex(canonicalJson(addedWorkContent(work)));
}

/** Statuses in which the work itself is happening or done: these need an approval. */
export function addedWorkNeedsApproval(status: AddedWorkStatus): boolean {
  return status === 'started' || status === 'done';
}

import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import {
  orderIdField,
  recordFields,
  RECORD_FIELD_NAMES,
  sha256Field,
  timestampMs,
} from './record-fields.js';
import { signerFields } from './signer-signature.js';

/**
 * The customer's decision on an added-work request. Append-only: written
 * once by the advisor, never changed. It is bound to the SHA-256 of the
 * added work's content (`addedWorkContentHash`), so a later change of price
 * or scope needs a new approval. `method: 'signature'` names the signature
 * record (purpose 'added-work'); `method: 'phone'` records the call.
 * A declined request, confirmed by the customer, is the recommendation record.
 */
export const APPROVAL_DECISIONS = ['approved', 'declined'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];
export const APPROVAL_METHODS = ['signature', 'phone'] as const;
export type ApprovalMethod = (typeof APPROVAL_METHODS)[number];

export const approvalSchemaLiteral = {
  title: 'added-work approval',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...recordFields,
    orderId: orderIdField,
    addedWorkId: orderIdField,
    decision: { type: 'string', enum: [...APPROVAL_DECISIONS] },
    method: { type: 'string', enum: [...APPROVAL_METHODS] },
    /** The signature record, for method 'signature'; '' for a phone approval. */
    signatureId: { type: 'string', maxLength: 64 },
    /** For a phone approval: who approved, the number called, when. '' / 0 otherwise. */
    approverName: { type: 'string', maxLength: 100 },
    phoneNumber: { type: 'string', maxLength: 30 },
    calledAt: timestampMs,
    contentHash: sha256Field,
    /** Server receipt time, stamped by the server when it accepts the record. */
    receivedAt: timestampMs,
    ...signerFields,
  },
  required: [
    ...RECORD_FIELD_NAMES,
    'orderId',
    'addedWorkId',
    'decision',
    'method',
    'signatureId',
    'approverName',
    'phoneNumber',
    'calledAt',
    'contentHash',
  ],
  indexes: ['orderId'],
} as const;

export type Approval = ExtractDocumentTypeFromTypedRxJsonSchema<typeof approvalSchemaLiteral>;

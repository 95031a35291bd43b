import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { orderIdField, recordFields, RECORD_FIELD_NAMES, userField } from './record-fields.js';
import { SIGN_OFF_LEVELS } from './sign-off.js';
import { signerFields } from './signer-signature.js';

/**
 * The rework record (返修处理记录表) a failed peer or final check opens:
 * what failed, who failed it, the cause when known, and who takes the car
 * back (the original technician unless there is a reason not to).
 * Append-only, written with the failing sign-off it names.
 *
 * A reopening (reason 'reopened') is the foreman's "Reopen job" after a passed
 * final check: it names the final pass it voids, and counts like a failed
 * check, so the job goes back to rework and the three checks start again.
 */
export const REWORK_REASONS = ['failed-check', 'reopened'] as const;
export type ReworkReason = (typeof REWORK_REASONS)[number];

export const reworkSchemaLiteral = {
  title: 'rework record',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...recordFields,
    orderId: orderIdField,
    jobId: orderIdField,
    signOffId: orderIdField,
    level: { type: 'string', enum: [...SIGN_OFF_LEVELS] },
    /** The round that failed; the rework is done in round + 1. */
    round: { type: 'integer', minimum: 0, maximum: 99 },
    whatFailed: { type: 'string', minLength: 1, maxLength: 1000 },
    failedBy: userField,
    cause: { type: 'string', maxLength: 500 },
    technician: userField,
    /** Why the rework is open; absent on records from before reopenings ('failed-check'). */
    reason: { type: 'string', enum: [...REWORK_REASONS] },
    ...signerFields,
  },
  required: [
    ...RECORD_FIELD_NAMES,
    'orderId',
    'jobId',
    'signOffId',
    'level',
    'round',
    'whatFailed',
    'failedBy',
    'cause',
    'technician',
  ],
  indexes: ['orderId'],
} as const;

export type ReworkRecord = ExtractDocumentTypeFromTypedRxJsonSchema<typeof reworkSchemaLiteral>;

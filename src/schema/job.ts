import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { conflictEntrySchema, MAX_CONFLICT_ENTRIES } from './conflict-entry.js';
import {
  orderIdField,
  recordFields,
  RECORD_FIELD_NAMES,
  sha256Field,
  timestampMs,
  userField,
} from './record-fields.js';

/**
 * The workshop job of one repair order (派工 onwards): who works it in which
 * bay, which of the order's operations are done, and what the technician
 * found. One job per order, with a deterministic id (`jobIdFor`), so two
 * foremen dispatching the same car offline edit one record and merge instead
 * of making two. Sign-offs, added work and rework are their own documents.
 */
export const JOB_LIMITS = { operations: 50, findings: 30, photosPerFinding: 6, bay: 20 } as const;

export function jobIdFor(orderId: string): string {
  return `job_${orderId}`;
}

const operationDoneSchema = {
  type: 'object',
  properties: {
    /** The id of the order's operation (RepairOperation.id). */
    operationId: { type: 'string', maxLength: 36, minLength: 1 },
    done: { type: 'boolean' },
    doneBy: userField,
    doneAt: timestampMs,
  },
  required: ['operationId', 'done', 'doneBy', 'doneAt'],
  additionalProperties: false,
} as const;

const findingSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36, minLength: 1 },
    text: { type: 'string', maxLength: 1000 },
    photoIds: { type: 'array', maxItems: JOB_LIMITS.photosPerFinding, items: sha256Field },
    foundBy: userField,
    foundAt: timestampMs,
  },
  required: ['id', 'text', 'photoIds', 'foundBy', 'foundAt'],
  additionalProperties: false,
} as const;

export const jobSchemaLiteral = {
  title: 'workshop job',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...recordFields,
    orderId: orderIdField,
    /** Username of the assigned technician; '' while waiting for dispatch. */
    technician: userField,
    bay: { type: 'string', maxLength: JOB_LIMITS.bay },
    dispatchedBy: userField,
    dispatchedAt: timestampMs,
    operations: { type: 'array', maxItems: JOB_LIMITS.operations, items: operationDoneSchema },
    findings: { type: 'array', maxItems: JOB_LIMITS.findings, items: findingSchema },
    conflicts: { type: 'array', maxItems: MAX_CONFLICT_ENTRIES, items: conflictEntrySchema },
  },
  required: [
    ...RECORD_FIELD_NAMES,
    'orderId',
    'technician',
    'bay',
    'dispatchedBy',
    'dispatchedAt',
    'operations',
    'findings',
    'conflicts',
  ],
  indexes: ['orderId'],
} as const;

export type Job = ExtractDocumentTypeFromTypedRxJsonSchema<typeof jobSchemaLiteral>;
export type JobOperationDone = Job['operations'][number];
export type JobFinding = Job['findings'][number];

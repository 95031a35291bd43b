import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import {
  orderIdField,
  recordFields,
  RECORD_FIELD_NAMES,
  sha256Field,
  timestampMs,
} from './record-fields.js';
import { ROLES } from './roles.js';
import { signerFields } from './signer-signature.js';

/**
 * A quality-control sign-off of the three-level check (三检制度): the
 * technician's self-check (自检), a team leader's peer check (互检) and the
 * foreman's final check (终检). Append-only: who signed (createdBy), in which
 * role, device time (signedAt) and server receipt time (receivedAt, stamped
 * by the server), the result, the checklist answers, and the SHA-256 of the
 * job content it covers, which travels with it (`content`) so the server can
 * check it without depending on the order collections arrive in.
 *
 * `round` counts the failed checks before it: a failed peer or final check
 * opens a rework record and the next round starts again from the self-check.
 */
export const SIGN_OFF_LEVELS = ['self', 'peer', 'final'] as const;
export type SignOffLevel = (typeof SIGN_OFF_LEVELS)[number];
export const SIGN_OFF_RESULTS = ['pass', 'fail'] as const;
export type SignOffResult = (typeof SIGN_OFF_RESULTS)[number];
export const CHECK_ANSWERS = ['yes', 'no', 'na'] as const;
/** The server's stamp on a sign-off's job revision check (version 1 of the schema). */
export const SERVER_CHECKS = ['pending', 'valid', 'refused'] as const;
export type ServerCheck = (typeof SERVER_CHECKS)[number];
export type CheckAnswer = (typeof CHECK_ANSWERS)[number];

/** The checklist of each level; items in OPTIONAL_CHECK_ITEMS may be answered 'na' (not relevant). */
export const SIGN_OFF_CHECKLISTS = {
  self: ['operations-done', 'no-warning-lights', 'fluids', 'torque', 'road-test'],
  peer: ['operations-verified', 'no-warning-lights', 'fluids', 'torque'],
  final: ['operations-verified', 'road-test', 'clean', 'settings-restored'],
} as const satisfies Record<SignOffLevel, readonly string[]>;
export type CheckItem = (typeof SIGN_OFF_CHECKLISTS)[SignOffLevel][number];
export const CHECK_ITEMS = [
  ...new Set(Object.values(SIGN_OFF_CHECKLISTS).flat()),
] as readonly CheckItem[];
export const OPTIONAL_CHECK_ITEMS: readonly CheckItem[] = ['torque', 'road-test'];

const jobContentSchema = {
  type: 'object',
  properties: {
    orderId: orderIdField,
    jobId: orderIdField,
    operations: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        properties: {
          operationId: { type: 'string', maxLength: 36 },
          description: { type: 'string', maxLength: 200 },
          done: { type: 'boolean' },
        },
        required: ['operationId', 'description', 'done'],
        additionalProperties: false,
      },
    },
    findings: {
      type: 'array',
      maxItems: 30,
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', maxLength: 36 },
          text: { type: 'string', maxLength: 1000 },
          photoIds: { type: 'array', maxItems: 6, items: sha256Field },
        },
        required: ['id', 'text', 'photoIds'],
        additionalProperties: false,
      },
    },
    addedWork: {
      type: 'array',
      maxItems: 30,
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', maxLength: 64 },
          operation: { type: 'string', maxLength: 200 },
          status: { type: 'string', maxLength: 12 },
          partsFen: { type: 'integer', minimum: 0, maximum: 100_000_000 },
          labourFen: { type: 'integer', minimum: 0, maximum: 100_000_000 },
        },
        required: ['id', 'operation', 'status', 'partsFen', 'labourFen'],
        additionalProperties: false,
      },
    },
    odometerKm: { type: 'integer', minimum: -1, maximum: 1_999_999 },
    fuelEighths: { type: 'integer', minimum: -1, maximum: 8 },
  },
  required: [
    'orderId',
    'jobId',
    'operations',
    'findings',
    'addedWork',
    'odometerKm',
    'fuelEighths',
  ],
  additionalProperties: false,
} as const;

export const signOffSchemaLiteral = {
  title: 'QC sign-off',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...recordFields,
    orderId: orderIdField,
    jobId: orderIdField,
    level: { type: 'string', enum: [...SIGN_OFF_LEVELS] },
    round: { type: 'integer', minimum: 0, maximum: 99 },
    result: { type: 'string', enum: [...SIGN_OFF_RESULTS] },
    signerRole: { type: 'string', enum: [...ROLES] },
    checklist: {
      type: 'array',
      maxItems: 10,
      items: {
        type: 'object',
        properties: {
          item: { type: 'string', enum: [...CHECK_ITEMS] },
          answer: { type: 'string', enum: [...CHECK_ANSWERS] },
        },
        required: ['item', 'answer'],
        additionalProperties: false,
      },
    },
    /** Why it failed (required for a fail). */
    reasons: { type: 'string', maxLength: 1000 },
    /** The job's revision (its updatedAt) the signer saw. */
    jobRevision: timestampMs,
    content: jobContentSchema,
    contentHash: sha256Field,
    signedAt: timestampMs,
    /** Server receipt time, stamped by the server when it accepts the record. */
    receivedAt: timestampMs,
    /**
     * The server's verdict on the job revision this covers (stamped by the server, never by a
     * tablet): 'pending' while that job revision has not reached the server, then 'valid' or
     * 'refused' with serverCheckCode. A refused sign-off counts as not given.
     */
    serverCheck: { type: 'string', enum: [...SERVER_CHECKS] },
    serverCheckCode: { type: 'string', maxLength: 40 },
    ...signerFields,
  },
  required: [
    ...RECORD_FIELD_NAMES,
    'orderId',
    'jobId',
    'level',
    'round',
    'result',
    'signerRole',
    'checklist',
    'reasons',
    'jobRevision',
    'content',
    'contentHash',
    'signedAt',
  ],
  indexes: ['orderId'],
} as const;

export type SignOff = ExtractDocumentTypeFromTypedRxJsonSchema<typeof signOffSchemaLiteral>;
export type JobContent = SignOff['content'];
export type ChecklistAnswer = SignOff['checklist'][number];

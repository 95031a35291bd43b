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
 * A customer's signature. Append-only: written once, never edited. It holds
 * the vector strokes (normalised 0–1 to the pad), the PNG as a blob, and the
 * SHA-256 of the canonical content it signs: if that content changes, the
 * signature is void and a new one, which supersedes it, is needed.
 */
export const SIGNATURE_PURPOSES = ['check-in', 'added-work', 'delivery'] as const;
export type SignaturePurpose = (typeof SIGNATURE_PURPOSES)[number];

export const SIGNATURE_LIMITS = { strokes: 60, coordinatesPerStroke: 1200 } as const;

export const signatureSchemaLiteral = {
  title: 'signature',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...recordFields,
    orderId: orderIdField,
    purpose: { type: 'string', enum: [...SIGNATURE_PURPOSES] },
    /** What else it signs, e.g. the added-work request's id; empty for the order itself. */
    subjectRef: { type: 'string', maxLength: 64 },
    signerName: { type: 'string', maxLength: 100 },
    /** Each stroke is x0, y0, x1, y1, … in 0–1 of the pad's width and height. */
    strokes: {
      type: 'array',
      minItems: 1,
      maxItems: SIGNATURE_LIMITS.strokes,
      items: {
        type: 'array',
        maxItems: SIGNATURE_LIMITS.coordinatesPerStroke,
        items: { type: 'number', minimum: 0, maximum: 1 },
      },
    },
    imageId: sha256Field,
    contentHash: sha256Field,
    signedAt: timestampMs,
    supersedes: { type: 'string', maxLength: 64 },
    /** The advisor's countersignature with their own key (signer-signature.ts). */
    ...signerFields,
  },
  required: [
    ...RECORD_FIELD_NAMES,
    'orderId',
    'purpose',
    'subjectRef',
    'signerName',
    'strokes',
    'imageId',
    'contentHash',
    'signedAt',
    'supersedes',
  ],
  indexes: ['orderId'],
} as const;

export type Signature = ExtractDocumentTypeFromTypedRxJsonSchema<typeof signatureSchemaLiteral>;

export type SignatureValidity = 'missing' | 'valid' | 'void';

/**
 * A signature holds only for the exact content it signed: once the signed
 * content's hash differs, it is void and the customer signs again.
 */
export function signatureValidity(
  signature: Pick<Signature, 'contentHash'> | null | undefined,
  currentContentHash: string,
): SignatureValidity {
  if (!signature) return 'missing';
  return signature.contentHash === currentContentHash ? 'valid' : 'void';
}

import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { orderIdField, recordFields, RECORD_FIELD_NAMES, sha256Field } from './record-fields.js';

/**
 * A photo's metadata. Its id is the SHA-256 of the image bytes, which are a
 * content-addressed blob kept on the tablet and uploaded to
 * PUT /api/v1/blobs/{sha256}. Append-only: a photo never changes.
 */
export const PHOTO_LIMITS = {
  longEdgePx: 1600,
  maxBytes: 400 * 1024,
  types: ['image/jpeg', 'image/webp'],
} as const;

/** Blobs the server takes: reduced photos and signature images. */
export const BLOB_LIMITS = {
  maxBytes: 1024 * 1024,
  types: ['image/jpeg', 'image/webp', 'image/png'],
} as const;

export const PHOTO_SUBJECTS = ['damage', 'checklist', 'other'] as const;

export const photoSchemaLiteral = {
  title: 'photo',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...recordFields,
    id: sha256Field,
    orderId: orderIdField,
    subject: { type: 'string', enum: [...PHOTO_SUBJECTS] },
    /** The damage mark id or checklist item the photo shows. */
    subjectRef: { type: 'string', maxLength: 64 },
    mimeType: { type: 'string', enum: [...PHOTO_LIMITS.types] },
    width: { type: 'integer', minimum: 1, maximum: PHOTO_LIMITS.longEdgePx },
    height: { type: 'integer', minimum: 1, maximum: PHOTO_LIMITS.longEdgePx },
    bytes: { type: 'integer', minimum: 1, maximum: PHOTO_LIMITS.maxBytes },
  },
  required: [
    ...RECORD_FIELD_NAMES,
    'orderId',
    'subject',
    'subjectRef',
    'mimeType',
    'width',
    'height',
    'bytes',
  ],
  indexes: ['orderId'],
} as const;

export type Photo = ExtractDocumentTypeFromTypedRxJsonSchema<typeof photoSchemaLiteral>;

/** The size a photo is reduced to: long edge at most longEdgePx, aspect kept, never enlarged. */
export function reducedSize(
  width: number,
  height: number,
  longEdge: number = PHOTO_LIMITS.longEdgePx,
) {
  const scale = Math.min(1, longEdge / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

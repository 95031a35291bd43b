/**
 * Fields every synced record has: who made it, where, when (device time; the
 * server keeps its own receipt time beside it). Spread into each schema.
 */
export const timestampMs = {
  type: 'number',
  minimum: 0,
  maximum: 9_999_999_999_999,
  multipleOf: 1,
} as const;

export const documentIdField = {
  type: 'string',
  minLength: 8,
  maxLength: 64,
  pattern: '^[A-Za-z0-9_-]+$',
} as const;

export const userField = { type: 'string', maxLength: 36 } as const;

export const recordFields = {
  id: documentIdField,
  siteId: { type: 'string', maxLength: 36, minLength: 1 },
  createdAt: timestampMs,
  createdBy: userField,
  updatedAt: timestampMs,
  updatedBy: userField,
} as const;

export const RECORD_FIELD_NAMES = [
  'id',
  'siteId',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
] as const;

/** A record that belongs to one repair order. */
export const orderIdField = { type: 'string', maxLength: 64, minLength: 8 } as const;

/** SHA-256 as lower-case hex: photo and signature-image ids, signed content hashes. */
export const sha256Field = {
  type: 'string',
  minLength: 64,
  maxLength: 64,
  pattern: '^[0-9a-f]{64}$',
} as const;

/**
 * A field edit that lost a merge, kept inside the record it belongs to so it
 * travels with it and can be shown and restored (see merge.ts). Values are
 * stored as canonical JSON so any field type fits one shape.
 */
export const conflictEntrySchema = {
  type: 'object',
  properties: {
    path: { type: 'string', maxLength: 100 },
    keptValue: { type: 'string', maxLength: 5000 },
    lostValue: { type: 'string', maxLength: 5000 },
    lostBy: { type: 'string', maxLength: 36 },
    lostAt: { type: 'number', minimum: 0, maximum: 9_999_999_999_999 },
    resolvedAt: { type: 'number', minimum: 0, maximum: 9_999_999_999_999 },
  },
  required: ['path', 'keptValue', 'lostValue', 'lostBy', 'lostAt', 'resolvedAt'],
  additionalProperties: false,
} as const;

export interface ConflictEntry {
  path: string;
  keptValue: string;
  lostValue: string;
  lostBy: string;
  lostAt: number;
  resolvedAt: number;
}

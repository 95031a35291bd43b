/**
 * A field edit that lost a merge, kept inside the record it belongs to so it
 * travels with it and can be shown and restored (see merge.ts). Values are
 * stored as canonical JSON so any field type fits one shape.
 */
/** The newest entries kept per record; older ones drop off. */
export const MAX_CONFLICT_ENTRIES = 20;
/** Room for the longest field (a 4,000-character concern) as JSON, escapes included. */
const MAX_VALUE_LENGTH = 8_200;

export const conflictEntrySchema = {
  type: 'object',
  properties: {
    path: { type: 'string', maxLength: 100 },
    keptValue: { type: 'string', maxLength: MAX_VALUE_LENGTH },
    lostValue: { type: 'string', maxLength: MAX_VALUE_LENGTH },
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

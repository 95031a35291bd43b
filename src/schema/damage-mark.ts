import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { conflictEntrySchema, MAX_CONFLICT_ENTRIES } from './conflict-entry.js';
import { orderIdField, recordFields, RECORD_FIELD_NAMES, sha256Field } from './record-fields.js';

/**
 * One damage marker on the car diagram (车辆损毁标志区域). Positions are
 * normalised to 0–1 within its view, so the map renders the same on any
 * screen and in the PDF. A deleted marker is kept with `removed` (undo, and
 * the record of what was once marked).
 */
export const DAMAGE_VIEWS = ['top', 'front', 'rear', 'left', 'right'] as const;
export type DamageView = (typeof DAMAGE_VIEWS)[number];
export const DAMAGE_TYPES = [
  'scratch',
  'dent',
  'crack',
  'chip',
  'rust',
  'missing',
  'other',
] as const;
export type DamageType = (typeof DAMAGE_TYPES)[number];
export const DAMAGE_SIZES = ['small', 'medium', 'large'] as const;
export type DamageSize = (typeof DAMAGE_SIZES)[number];

const unit = { type: 'number', minimum: 0, maximum: 1 } as const;

export const damageMarkSchemaLiteral = {
  title: 'damage mark',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...recordFields,
    orderId: orderIdField,
    number: { type: 'integer', minimum: 1, maximum: 999 },
    view: { type: 'string', enum: [...DAMAGE_VIEWS] },
    x: unit,
    y: unit,
    type: { type: 'string', enum: [...DAMAGE_TYPES] },
    size: { type: 'string', enum: [...DAMAGE_SIZES] },
    note: { type: 'string', maxLength: 500 },
    photoIds: { type: 'array', maxItems: 10, items: sha256Field },
    removed: { type: 'boolean' },
    conflicts: { type: 'array', maxItems: MAX_CONFLICT_ENTRIES, items: conflictEntrySchema },
  },
  required: [
    ...RECORD_FIELD_NAMES,
    'orderId',
    'number',
    'view',
    'x',
    'y',
    'type',
    'size',
    'note',
    'photoIds',
    'removed',
    'conflicts',
  ],
  indexes: ['orderId'],
} as const;

export type DamageMark = ExtractDocumentTypeFromTypedRxJsonSchema<typeof damageMarkSchemaLiteral>;

/** A tap at (px, py) on a view drawn at width × height becomes a position that fits every screen. */
export function normalisePosition(
  px: number,
  py: number,
  width: number,
  height: number,
): { x: number; y: number } {
  const clamp = (value: number) => Math.min(1, Math.max(0, value));
  return { x: clamp(px / width), y: clamp(py / height) };
}

export function toPixels(
  mark: { x: number; y: number },
  width: number,
  height: number,
): { px: number; py: number } {
  return { px: mark.x * width, py: mark.y * height };
}

export function nextMarkNumber(marks: readonly { number: number }[]): number {
  return marks.reduce((highest, mark) => Math.max(highest, mark.number), 0) + 1;
}

import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { FUEL_EIGHTHS_MAX, ODOMETER_MAX_KM, PHONE_PATTERN } from './readings.js';
import { conflictEntrySchema, MAX_CONFLICT_ENTRIES } from './conflict-entry.js';
import { timestampMs } from './record-fields.js';

/**
 * The repair order header (维修委托书): customer, vehicle, readings and the
 * customer's concern. Later records (check-in sheet, damage marks, signatures,
 * sign-offs) are their own documents that point at an order's id.
 *
 * A draft may be incomplete (a VIN half typed, no odometer yet): the schema
 * bounds every field so nothing malformed is stored, while completeness is a
 * rule checked when the order moves on.
 */
export const REPAIR_ORDER_STATUSES = [
  'draft',
  'checked-in',
  'in-workshop',
  'ready',
  'delivered',
  'cancelled',
] as const;
export type RepairOrderStatus = (typeof REPAIR_ORDER_STATUSES)[number];

/**
 * Statuses only the workflow sets: 'in-workshop' by "Send to workshop" (needs
 * a valid customer signature), 'ready' by a passed final check (终检). The
 * status menu never offers them by hand, so no one skips either step.
 */
export const WORKFLOW_STATUSES: readonly RepairOrderStatus[] = ['in-workshop', 'ready'];

/** May the status menu move an order from `current` to `next`? */
export function statusChoiceAllowed(current: RepairOrderStatus, next: RepairOrderStatus): boolean {
  if (next === current) return true;
  if (WORKFLOW_STATUSES.includes(next)) return false;
  // Delivery (交车) follows a passed final check.
  if (next === 'delivered') return current === 'ready';
  return true;
}

export const CANCEL_REASON_MAX = 300;

export const PAYMENT_METHODS = [
  'cash',
  'card',
  'mobile',
  'account',
  'warranty',
  'insurance',
] as const;

/** One proposed operation (项目) with its estimate; money in fen (分) so sums are exact. */
const operationSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36, minLength: 1 },
    description: { type: 'string', maxLength: 200 },
    labourFen: { type: 'integer', minimum: 0, maximum: 100_000_000 },
    partsFen: { type: 'integer', minimum: 0, maximum: 100_000_000 },
    /** Warranty claim item, marked S (索赔) on the order. */
    warranty: { type: 'boolean' },
  },
  required: ['id', 'description', 'labourFen', 'partsFen', 'warranty'],
  additionalProperties: false,
} as const;

/** The languages a customer's copy prints in; the first is the default of an order without one. */
export const CUSTOMER_LANGUAGES = ['zh-CN', 'en'] as const;
export type CustomerLanguage = (typeof CUSTOMER_LANGUAGES)[number];

/** The language of an order's customer copies. */
export function customerLanguageOf(order: {
  customerLanguage?: CustomerLanguage;
}): CustomerLanguage {
  return order.customerLanguage ?? CUSTOMER_LANGUAGES[0];
}

export const repairOrderSchemaLiteral = {
  title: 'repair order',
  description: 'Repair order header (维修委托书)',
  // 1: walkaround and estimate fields (all optional, so version 0 orders migrate as they are).
  // 2: cancelReason (optional: older orders migrate as they are).
  // 3: customerLanguage (optional: an order without it prints its copy in Chinese).
  version: 3,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36, minLength: 8, pattern: '^[A-Za-z0-9_-]+$' },
    siteId: { type: 'string', maxLength: 36, minLength: 1 },
    orderNumber: { type: 'string', maxLength: 32, minLength: 1 },
    status: { type: 'string', enum: [...REPAIR_ORDER_STATUSES], maxLength: 16 },
    customer: {
      type: 'object',
      properties: {
        name: { type: 'string', maxLength: 100 },
        phone: { type: 'string', maxLength: 30, pattern: PHONE_PATTERN },
      },
      required: ['name', 'phone'],
      additionalProperties: false,
    },
    vehicle: {
      type: 'object',
      properties: {
        plate: { type: 'string', maxLength: 16 },
        vin: { type: 'string', maxLength: 17, pattern: '^[A-HJ-NPR-Z0-9]*$' },
        model: { type: 'string', maxLength: 60 },
        colour: { type: 'string', maxLength: 30 },
      },
      required: ['plate', 'vin', 'model', 'colour'],
      additionalProperties: false,
    },
    odometerKm: { type: 'integer', minimum: 0, maximum: ODOMETER_MAX_KM },
    fuelEighths: { type: 'integer', minimum: 0, maximum: FUEL_EIGHTHS_MAX },
    odometerOverrideReason: { type: 'string', maxLength: 300 },
    concern: { type: 'string', maxLength: 4000 },
    symptoms: {
      type: 'object',
      properties: {
        when: { type: 'string', maxLength: 300 },
        frequency: { type: 'string', maxLength: 300 },
        conditions: { type: 'string', maxLength: 300 },
      },
      required: ['when', 'frequency', 'conditions'],
      additionalProperties: false,
    },
    operations: { type: 'array', maxItems: 50, items: operationSchema },
    estimatedCompletionAt: timestampMs,
    promisedDeliveryAt: timestampMs,
    paymentMethod: { type: 'string', enum: [...PAYMENT_METHODS] },
    nextServiceKm: { type: 'integer', minimum: 0, maximum: 1_999_999 },
    nextServiceDate: { type: 'string', maxLength: 10, pattern: '^$|^\\d{4}-\\d{2}-\\d{2}$' },
    /**
     * The language the customer reads: their copies print in it, whatever the
     * advisor's screen shows. Not part of what the customer signs.
     */
    customerLanguage: { type: 'string', enum: [...CUSTOMER_LANGUAGES], maxLength: 8 },
    /** Why the order was cancelled: an order with signed records is cancelled, never deleted. */
    cancelReason: { type: 'string', maxLength: CANCEL_REASON_MAX },
    createdAt: timestampMs,
    createdBy: { type: 'string', maxLength: 36 },
    updatedAt: timestampMs,
    updatedBy: { type: 'string', maxLength: 36 },
    conflicts: { type: 'array', maxItems: MAX_CONFLICT_ENTRIES, items: conflictEntrySchema },
  },
  required: [
    'id',
    'siteId',
    'orderNumber',
    'status',
    'customer',
    'vehicle',
    'concern',
    'createdAt',
    'createdBy',
    'updatedAt',
    'updatedBy',
    'conflicts',
  ],
  indexes: ['createdAt', 'orderNumber', 'vehicle.plate', 'vehicle.vin', 'customer.phone'],
} as const;

export type RepairOrder = ExtractDocumentTypeFromTypedRxJsonSchema<typeof repairOrderSchemaLiteral>;

export type RepairOperation = NonNullable<RepairOrder['operations']>[number];

/** Estimate totals in fen; warranty items are not charged to the customer. */
export function estimateTotals(operations: readonly RepairOperation[] = []) {
  const charged = operations.filter((operation) => !operation.warranty);
  const labourFen = charged.reduce((sum, operation) => sum + operation.labourFen, 0);
  const partsFen = charged.reduce((sum, operation) => sum + operation.partsFen, 0);
  return { labourFen, partsFen, totalFen: labourFen + partsFen };
}

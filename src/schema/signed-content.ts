import { canonicalJson } from './canonical-json.js';
import type { CheckInSheet } from './check-in-sheet.js';
import type { DamageMark } from './damage-mark.js';
import { sha256Hex } from './hash.js';
import type { RepairOrder } from './repair-order.js';

/**
 * What the customer's check-in signature covers: the order as agreed (who,
 * which car, readings, concern, estimate, times), the walkaround, every live
 * damage mark and every photo's hash. Bookkeeping (who edited last, when,
 * conflicts, the walkaround step, a status change) is not signed, so it
 * never voids a signature; any change to what the customer saw does.
 */
const SIGNED_ORDER_FIELDS = [
  'id',
  'siteId',
  'orderNumber',
  'customer',
  'vehicle',
  'odometerKm',
  'odometerOverrideReason',
  'fuelEighths',
  'concern',
  'symptoms',
  'operations',
  'estimatedCompletionAt',
  'promisedDeliveryAt',
  'paymentMethod',
  'nextServiceKm',
  'nextServiceDate',
] as const;

const SIGNED_SHEET_FIELDS = [
  'covers',
  'warningLights',
  'warningLightsOther',
  'checklist',
  'valuables',
  'wishes',
] as const;

export interface CheckInContentInput {
  order: RepairOrder;
  sheet: CheckInSheet | null;
  marks: readonly DamageMark[];
}

function pick<T extends object, K extends keyof T>(
  record: T,
  fields: readonly K[],
): Partial<Pick<T, K>> {
  const picked: Partial<Pick<T, K>> = {};
  for (const field of fields) if (record[field] !== undefined) picked[field] = record[field];
  return picked;
}

export function checkInContent({ order, sheet, marks }: CheckInContentInput) {
  const liveMarks = marks
    .filter((mark) => !mark.removed)
    .sort((a, b) => a.number - b.number)
    .map((mark) => pick(mark, ['number', 'view', 'x', 'y', 'type', 'size', 'note', 'photoIds']));
  const photoIds = new Set<string>(liveMarks.flatMap((mark) => mark.photoIds ?? []));
  for (const check of Object.values(sheet?.checklist ?? {}))
    for (const id of check.photoIds) photoIds.add(id);
  return {
    kind: 'check-in',
    order: pick(order, SIGNED_ORDER_FIELDS),
    checkIn: sheet ? pick(sheet, SIGNED_SHEET_FIELDS) : null,
    damage: liveMarks,
    photos: [...photoIds].sort(),
  };
}

export function checkInContentHash(input: CheckInContentInput): Promise<string> {
  return sha256Hex(canonicalJson(checkInContent(input)));
}

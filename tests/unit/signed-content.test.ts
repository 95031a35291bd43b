import { describe, expect, it } from 'vitest';
import {
  checkInContentHash,
  type CheckInContentInput,
  type CheckInSheet,
  type DamageMark,
  type RepairOrder,
} from '../../src/schema/index.js';
import { makeRepairOrder } from '../factories/repair-order.js';
import {
  makeCheckInSheet,
  makeDamageMark,
  makeFullOrder,
  photoHash,
} from './signature-fixtures.js';

function signedOrder(): CheckInContentInput {
  const order = makeRepairOrder(makeFullOrder());
  return {
    order,
    sheet: makeCheckInSheet(order),
    marks: [
      makeDamageMark(order, { number: 1, view: 'left', note: '后门划痕' }),
      makeDamageMark(order, { number: 2, view: 'front', type: 'dent', size: 'medium' }),
    ],
  };
}

/** Reverses the key order at every depth: same content, different JSON text. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, child]) => [key, reversedKeys(child)]),
  ) as T;
}

const withOrder = (input: CheckInContentInput, order: Partial<RepairOrder>) => ({
  ...input,
  order: { ...input.order, ...order },
});
const withSheet = (input: CheckInContentInput, sheet: Partial<CheckInSheet>) => ({
  ...input,
  sheet: { ...(input.sheet as CheckInSheet), ...sheet },
});
const withFirstMark = (input: CheckInContentInput, mark: Partial<DamageMark>) => ({
  ...input,
  marks: input.marks.map((entry, index) => (index === 0 ? { ...entry, ...mark } : entry)),
});

describe('what the customer signs at check-in', () => {
  it('hashes the same content the same way, whatever the key order or mark order', async () => {
    const input = signedOrder();
    const hash = await checkInContentHash(input);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await checkInContentHash(reversedKeys(input))).toBe(hash);
    expect(await checkInContentHash({ ...input, marks: [...input.marks].reverse() })).toBe(hash);
  });

  const signedChanges: [string, (input: CheckInContentInput) => CheckInContentInput][] = [
    ['customer name', (i) => withOrder(i, { customer: { ...i.order.customer, name: '李雷' } })],
    ['plate', (i) => withOrder(i, { vehicle: { ...i.order.vehicle, plate: '京B·54321' } })],
    ['odometer', (i) => withOrder(i, { odometerKm: (i.order.odometerKm ?? 0) + 1 })],
    ['fuel', (i) => withOrder(i, { fuelEighths: 7 })],
    ['concern', (i) => withOrder(i, { concern: '方向盘抖动' })],
    [
      'estimate',
      (i) =>
        withOrder(i, {
          operations: (i.order.operations ?? []).map((operation, index) =>
            index === 0 ? { ...operation, partsFen: operation.partsFen + 100 } : operation,
          ),
        }),
    ],
    ['promised delivery', (i) => withOrder(i, { promisedDeliveryAt: Date.UTC(2026, 10, 24) })],
    [
      'checklist item',
      (i) =>
        withSheet(i, {
          checklist: {
            ...(i.sheet as CheckInSheet).checklist,
            glass: { status: 'not-ok', note: '前挡裂纹', photoIds: [] },
          },
        }),
    ],
    ['warning lights', (i) => withSheet(i, { warningLights: ['engine'] })],
    ['damage mark note', (i) => withFirstMark(i, { note: '后门凹陷' })],
    ['damage mark position', (i) => withFirstMark(i, { x: 0.31 })],
    ['damage mark removed', (i) => withFirstMark(i, { removed: true })],
    ['photo added to a mark', (i) => withFirstMark(i, { photoIds: [photoHash('b')] })],
    [
      'mark added',
      (i) => ({ ...i, marks: [...i.marks, makeDamageMark(i.order, { number: 3, view: 'rear' })] }),
    ],
  ];

  it.each(signedChanges)('changes when the %s changes', async (_name, change) => {
    const input = signedOrder();
    expect(await checkInContentHash(change(input))).not.toBe(await checkInContentHash(input));
  });

  const bookkeeping: [string, (input: CheckInContentInput) => CheckInContentInput][] = [
    ['order updatedAt / updatedBy', (i) => withOrder(i, { updatedAt: 1, updatedBy: 'tech1' })],
    ['order status', (i) => withOrder(i, { status: 'in-workshop' })],
    [
      'order conflicts',
      (i) =>
        withOrder(i, {
          conflicts: [
            {
              path: 'concern',
              keptValue: '"a"',
              lostValue: '"b"',
              lostBy: 'x',
              lostAt: 1,
              resolvedAt: 0,
            },
          ],
        }),
    ],
    ['walkaround step', (i) => withSheet(i, { step: 'damage', updatedAt: 5, updatedBy: 'x' })],
    ['mark bookkeeping', (i) => withFirstMark(i, { updatedAt: 7, updatedBy: 'tech2' })],
  ];

  it.each(bookkeeping)('does not change with %s', async (_name, change) => {
    const input = signedOrder();
    expect(await checkInContentHash(change(input))).toBe(await checkInContentHash(input));
  });
});

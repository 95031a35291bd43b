import {
  DEMO_SITE,
  DEMO_USER,
  expectedCheckDigit,
  newDocumentId,
  newOrderNumber,
  type RepairOrder,
} from '../../src/schema/index.js';

/**
 * Valid repair orders for tests: every required field filled with plausible
 * lane data, unique id and order number; pass overrides for what a test is about.
 */
let vinSerial = 0;

/** A 17-character VIN with a correct check digit, different for each serial. */
export function makeVin(serial: number): string {
  const draft = `LFV2A21K0E${String(serial % 10_000_000).padStart(7, '0')}`;
  return draft.slice(0, 8) + expectedCheckDigit(draft) + draft.slice(9);
}

export function makeRepairOrder(overrides: Partial<RepairOrder> = {}): RepairOrder {
  vinSerial += 1;
  const now = Date.now();
  return {
    id: newDocumentId(),
    siteId: DEMO_SITE.id,
    orderNumber: newOrderNumber(new Date(now)),
    status: 'checked-in',
    customer: { name: '张伟', phone: '138 0013 8000' },
    vehicle: {
      plate: '京A·12345',
      vin: makeVin(vinSerial),
      model: 'Volkswagen Sagitar 速腾',
      colour: '白色',
    },
    odometerKm: 48_210,
    fuelEighths: 4,
    concern: '刹车的时候有吱吱响。',
    createdAt: now,
    createdBy: DEMO_USER.username,
    updatedAt: now,
    updatedBy: DEMO_USER.username,
    conflicts: [],
    ...overrides,
  };
}

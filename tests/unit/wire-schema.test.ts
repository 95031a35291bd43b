import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sameContent, wireSchemaOf } from '../../src/schema/index.js';
import { makeRepairOrder } from '../factories/repair-order.js';

const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
const validate = ajv.compile(wireSchemaOf('repair_orders'));

describe('the repair order as it travels', () => {
  it('accepts a complete order and a fresh draft', () => {
    expect(validate({ ...makeRepairOrder(), _deleted: false })).toBe(true);
    expect(
      validate({
        ...makeRepairOrder({ vehicle: { plate: '', vin: '', model: '', colour: '' } }),
        _deleted: false,
      }),
    ).toBe(true);
  });

  it('refuses unknown fields, RxDB bookkeeping and a missing deletion flag', () => {
    expect(validate({ ...makeRepairOrder(), _deleted: false, price: 1 })).toBe(false);
    expect(validate({ ...makeRepairOrder(), _deleted: false, _rev: '1-a' })).toBe(false);
    expect(validate(makeRepairOrder())).toBe(false);
  });

  it('refuses out-of-range readings and forbidden VIN letters', () => {
    expect(validate({ ...makeRepairOrder({ fuelEighths: 9 }), _deleted: false })).toBe(false);
    expect(validate({ ...makeRepairOrder({ odometerKm: -5 }), _deleted: false })).toBe(false);
    const order = makeRepairOrder();
    expect(validate({ ...order, vehicle: { ...order.vehicle, vin: 'IOQ' }, _deleted: false })).toBe(
      false,
    );
  });
});

describe('canonical JSON', () => {
  it('is stable under key order at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'z' } })).toBe(
      '{"a":{"c":"z","d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(sameContent({ a: 1, b: { c: 2 } }, { b: { c: 2 }, a: 1 })).toBe(true);
    expect(sameContent({ a: 1 }, { a: 2 })).toBe(false);
  });
});

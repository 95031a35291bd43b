import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { checkVin, wireSchemaOf } from '../../src/schema/index.js';
import { demoRepairOrders } from '../../sync-server/demo/demo-repair-orders.js';
import { fieldOfIssue } from '../../sync-server/http/coded-errors.js';

describe('demo repair orders', () => {
  const validate = new Ajv().compile(wireSchemaOf('repair_orders'));

  it('are valid wire documents with real-looking VINs', () => {
    for (const order of demoRepairOrders()) {
      expect(validate({ ...order, _deleted: false }), JSON.stringify(validate.errors)).toBe(true);
      expect(checkVin(order.vehicle.vin)).toEqual({ errors: [], warnings: [] });
      expect(order.orderNumber).toMatch(/^RO-\d{8}-\d{4}$/);
    }
  });

  it('are dated today even just after midnight', () => {
    const justAfterMidnight = new Date(2026, 10, 25, 0, 5).getTime();
    for (const order of demoRepairOrders(justAfterMidnight)) {
      expect(new Date(order.createdAt).getDate()).toBe(25);
      expect(order.orderNumber).toContain('-20261125-');
    }
  });
});

describe('schema refusals name the field', () => {
  it('adds the missing or unknown property to the path', () => {
    const missing = {
      instancePath: '/0/newDocumentState',
      keyword: 'required',
      params: { missingProperty: 'vin' },
    };
    const unknown = {
      instancePath: '/0',
      keyword: 'additionalProperties',
      params: { additionalProperty: 'x' },
    };
    const wrong = {
      instancePath: '/0/newDocumentState/fuelEighths',
      keyword: 'maximum',
      params: { limit: 8 },
    };
    expect(fieldOfIssue(missing)).toBe('/0/newDocumentState/vin');
    expect(fieldOfIssue(unknown)).toBe('/0/x');
    expect(fieldOfIssue(wrong)).toBe('/0/newDocumentState/fuelEighths');
  });
});

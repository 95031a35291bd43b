import Ajv from 'ajv';
import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import {
  DEMO_SITE,
  SYNCED_COLLECTIONS,
  customerLanguageOf,
  type RepairOrder,
} from '../../src/schema/index.js';
import { createDatabase, removeDatabase } from '../../src/db/create-database.js';
import { allMutations } from '../../src/db/outbox.js';
import { insertRecords } from '../../src/db/record-writes.js';
import { editRepairOrder } from '../../src/features/orders/data.js';
import { fromLastVisit, searchVehicles, startCheckIn } from '../../src/features/check-in/data.js';
import { makeRepairOrder } from '../factories/repair-order.js';

/**
 * A tablet on the lane store with repair orders at schema version 2 (before
 * the customer's language) updates to version 3, with orders not yet on the
 * server: every order and every waiting change is still there, unchanged, and
 * the order takes the new field. RxDB migrates a collection by reading its
 * older version from the storage; ours keeps one table per collection across
 * versions, which is what this checks.
 *
 * The previous app shipped a validator precompiled for its version-2 schema;
 * this build has only version 3's, so the test compiles the older one with
 * ajv (the tablet itself never compiles code).
 */
vi.mock(import('../../src/db/validated-storage.js'), async (importOriginal) => {
  const original = await importOriginal();
  const ajv = new Ajv({ strict: false, allErrors: true });
  return {
    ...original,
    precompiledValidator: (schema: object) => {
      const shipped = original.precompiledValidator(schema);
      if (shipped) return shipped;
      const validate = ajv.compile(schema);
      return (document: unknown) => (validate(document) ? [] : (validate.errors ?? []));
    },
  };
});

type MutableSchema = { version: number; properties: Record<string, unknown> };

/** Runs `work` with the repair order schema as version 2 had it. */
async function asVersion2<T>(work: () => Promise<T>): Promise<T> {
  const schema = SYNCED_COLLECTIONS.repair_orders.schema as unknown as MutableSchema;
  const { version, properties } = schema;
  const { customerLanguage: _added, ...before } = properties;
  schema.version = 2;
  schema.properties = before;
  try {
    return await work();
  } finally {
    schema.version = version;
    schema.properties = properties;
  }
}

const AUTHOR = { username: 'advisor1', siteId: DEMO_SITE.id };

describe("the customer's language on the repair order (schema version 3)", () => {
  it('reaches a tablet with version 2 orders and loses no order and no waiting change', async () => {
    const name = `schema-upgrade-${Date.now()}`;
    const orders = [makeRepairOrder(), makeRepairOrder(), makeRepairOrder()];
    const waiting = await asVersion2(async () => {
      const old = await createDatabase({ name });
      expect(old.repair_orders.schema.version).toBe(2);
      await insertRecords(old, 'repair_orders', orders);
      const entries = await allMutations(old);
      await old.close();
      return entries;
    });
    expect(waiting.length).toBe(orders.length);

    const updated = await createDatabase({ name });
    try {
      expect(updated.repair_orders.schema.version).toBe(3);
      const stored = await updated.records.repair_orders.findByIds(orders.map((order) => order.id));
      expect(
        orders.map((order) => {
          const document = stored.get(order.id);
          return document ? updated.records.repair_orders.plain<RepairOrder>(document) : null;
        }),
      ).toEqual(orders);
      expect(await allMutations(updated)).toEqual(waiting);
      // RxDB read version 2 through an empty database of that name; none is left behind.
      expect(await Dexie.exists(`rxdb-dexie-${name}--2--repair_orders`)).toBe(false);

      // The new field is stored on an order that came from version 2.
      const [first] = orders;
      if (!first) throw new Error('no order');
      await editRepairOrder(updated, AUTHOR, first.id, { customerLanguage: 'en' });
      const edited = await updated.records.repair_orders.findOne(first.id).exec();
      expect(edited?.get('customerLanguage')).toBe('en');
    } finally {
      await removeDatabase(updated);
    }
  });

  it("starts a known car's next check-in in the language its customer read last time", async () => {
    const database = await createDatabase({ name: `customer-language-${Date.now()}` });
    try {
      const car = (plate: string) => ({ ...makeRepairOrder().vehicle, plate });
      const english = makeRepairOrder({ customerLanguage: 'en', vehicle: car('沪B·E1234') });
      const unset = makeRepairOrder({ vehicle: car('沪B·Z5678') });
      await insertRecords(database, 'repair_orders', [english, unset]);
      const [known] = await searchVehicles(database, english.vehicle.plate);
      if (!known) throw new Error('the car is not found');
      const next = await startCheckIn(database, AUTHOR, fromLastVisit(known));
      expect(next.customerLanguage).toBe('en');
      expect(customerLanguageOf(next)).toBe('en');
      const [other] = await searchVehicles(database, unset.vehicle.plate);
      if (!other) throw new Error('the car is not found');
      const fresh = await startCheckIn(database, AUTHOR, fromLastVisit(other));
      // Never chosen: the copy prints in Chinese, and no empty value is stored.
      expect('customerLanguage' in fresh).toBe(false);
      expect(customerLanguageOf(fresh)).toBe('zh-CN');
    } finally {
      await removeDatabase(database);
    }
  });
});

import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase, type LaneDatabase } from '../../src/db/create-database.js';
import { precompiledValidator } from '../../src/db/validated-storage.js';
import { makeJob, makeWorkshopOrder } from '../factories/workshop.js';
import {
  GENERATED_FILE,
  generateValidators,
  generatedTypes,
} from '../../scripts/build-validators.js';
import { makeRepairOrder } from '../factories/repair-order.js';

/**
 * The tablet validates every record write with code compiled at build time
 * (no eval under the Content-Security-Policy): the generated file must match
 * the schemas, and every collection's storage must find its validator.
 */
describe('validators compiled at build time', () => {
  let database: LaneDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('are current with the schemas (else: npm run build:validators)', () => {
    expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(generateValidators());
    expect(readFileSync(GENERATED_FILE.replace(/\.js$/, '.d.ts'), 'utf8')).toBe(generatedTypes());
  });

  it("check every collection's writes: a record breaking its schema is refused and not stored", async () => {
    database = await createDatabase({
      name: `precompiled-${process.pid}`,
    });
    for (const [name, collection] of Object.entries(database.collections))
      expect(precompiledValidator(collection.schema.jsonSchema), name).toBeDefined();

    const broken = { ...makeRepairOrder(), odometerKm: -5, unknownField: true };
    const { error } = await database.repair_orders.bulkInsert([broken as never]);

    expect(error.map((failure) => failure.status)).toEqual([422]);
    expect(await database.repair_orders.count().exec()).toBe(0);
    const valid = makeRepairOrder();
    await database.repair_orders.insert(valid);
    expect(await database.repair_orders.count().exec()).toBe(1);
  });

  it("check a shared collection by each record's own type, and its key", async () => {
    database = await createDatabase({
      name: `precompiled-shared-${process.pid}`,
    });
    const { jobs } = database.records;
    const job = makeJob(makeWorkshopOrder());
    const wrongType = { ...jobs.stored(job), bay: 42 };
    const wrongKey = { ...jobs.stored(job), recordKey: `check_in_sheets|${job.id}` };
    const unknownField = { ...jobs.stored(job), orderNumber: 'RO-1' };

    for (const broken of [wrongType, unknownField]) {
      const { error } = await jobs.collection.bulkInsert([broken]);
      expect(error.map((failure) => failure.status)).toEqual([422]);
    }
    await expect(jobs.collection.insert(wrongKey)).rejects.toThrow(/primary/i);
    expect(await jobs.collection.count().exec()).toBe(0);
    await jobs.collection.insert(jobs.stored(job));
    expect(await jobs.count().exec()).toBe(1);
    expect(await database.records.damage_marks.count().exec()).toBe(0);
  });
});

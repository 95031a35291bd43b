import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  MAX_CONFLICT_ENTRIES,
  mergeThreeWay,
  type RepairOrder,
} from '../../src/schema/index.js';
import { makeRepairOrder } from '../factories/repair-order.js';

type Order = RepairOrder & { _deleted: boolean };
const base: Order = {
  ...makeRepairOrder({ updatedAt: 1_000, updatedBy: 'advisor1' }),
  _deleted: false,
};

/** The fields a person edits, from small pools so that both sides often touch the same one. */
const editArbitrary = fc.record(
  {
    name: fc.constantFrom('张伟', '李娜', 'Wang'),
    phone: fc.constantFrom('138 0013 8000', '139 0000 0000'),
    plate: fc.constantFrom('京A·12345', '沪B·88888'),
    odometerKm: fc.integer({ min: 0, max: 3 }),
    fuelEighths: fc.integer({ min: 0, max: 8 }),
    concern: fc.constantFrom('异响', '漏油', ''),
    _deleted: fc.boolean(),
  },
  { requiredKeys: [] },
);
type Edit = Partial<{
  name: string;
  phone: string;
  plate: string;
  odometerKm: number;
  fuelEighths: number;
  concern: string;
  _deleted: boolean;
}>;

function applyEdit(order: Order, edit: Edit, by: string, at: number): Order {
  return {
    ...order,
    customer: { name: edit.name ?? order.customer.name, phone: edit.phone ?? order.customer.phone },
    vehicle: { ...order.vehicle, plate: edit.plate ?? order.vehicle.plate },
    odometerKm: edit.odometerKm ?? order.odometerKm,
    fuelEighths: edit.fuelEighths ?? order.fuelEighths,
    concern: edit.concern ?? order.concern,
    _deleted: edit._deleted ?? order._deleted,
    updatedAt: at,
    updatedBy: by,
  };
}

const LEAVES: [string, (o: Order) => unknown][] = [
  ['customer.name', (o) => o.customer.name],
  ['customer.phone', (o) => o.customer.phone],
  ['vehicle.plate', (o) => o.vehicle.plate],
  ['odometerKm', (o) => o.odometerKm],
  ['fuelEighths', (o) => o.fuelEighths],
  ['concern', (o) => o.concern],
  ['_deleted', (o) => o._deleted],
];

describe('three-way merge of a repair order', () => {
  it('keeps an edit only one side made', () => {
    const local = applyEdit(base, { phone: '139 0000 0000' }, 'advisor1', 2_000);
    const remote = applyEdit(base, { concern: '漏油' }, 'advisor2', 1_500);
    const { merged, newConflicts } = mergeThreeWay(base, local, remote);
    expect(merged.customer.phone).toBe('139 0000 0000');
    expect(merged.concern).toBe('漏油');
    expect(merged.customer.name).toBe(base.customer.name);
    expect(newConflicts).toEqual([]);
    expect(merged.updatedAt).toBe(2_000);
  });

  it('lets the later arrival win a field both changed, and keeps the other value as a conflict', () => {
    const local = applyEdit(base, { name: '李娜' }, 'advisor1', 2_000);
    const remote = applyEdit(base, { name: 'Wang' }, 'advisor2', 1_500);
    const { merged, newConflicts } = mergeThreeWay(base, local, remote);
    expect(merged.customer.name).toBe('李娜');
    expect(newConflicts).toEqual([
      {
        path: 'customer.name',
        keptValue: '"李娜"',
        lostValue: '"Wang"',
        lostBy: 'advisor2',
        lostAt: 1_500,
        resolvedAt: 2_000,
      },
    ]);
    expect(merged.conflicts).toEqual(newConflicts);
  });

  it('never changes who created the order or where', () => {
    const local = {
      ...applyEdit(base, {}, 'advisor1', 2_000),
      createdBy: 'intruder',
      siteId: 'other',
    };
    const { merged } = mergeThreeWay(base, local, base);
    expect(merged.createdBy).toBe(base.createdBy);
    expect(merged.siteId).toBe(base.siteId);
  });

  it('loses no field edit without a conflict record (property)', () => {
    fc.assert(
      fc.property(editArbitrary, editArbitrary, (localEdit, remoteEdit) => {
        const local = applyEdit(base, localEdit, 'tablet-a', 3_000);
        const remote = applyEdit(base, remoteEdit, 'tablet-b', 2_000);
        const { merged, newConflicts } = mergeThreeWay(base, local, remote);
        for (const [path, read] of LEAVES) {
          const [b, l, r, m] = [read(base), read(local), read(remote), read(merged)];
          const localChanged = canonicalJson(l) !== canonicalJson(b);
          const remoteChanged = canonicalJson(r) !== canonicalJson(b);
          if (localChanged) expect(m).toEqual(l);
          else expect(m).toEqual(r);
          const conflict = newConflicts.find((entry) => entry.path === path);
          if (localChanged && remoteChanged && canonicalJson(l) !== canonicalJson(r)) {
            expect(conflict?.lostValue).toBe(canonicalJson(r));
          } else {
            expect(conflict).toBeUndefined();
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic and merging agreed states is a no-op (property)', () => {
    fc.assert(
      fc.property(editArbitrary, editArbitrary, (localEdit, remoteEdit) => {
        const local = applyEdit(base, localEdit, 'tablet-a', 3_000);
        const remote = applyEdit(base, remoteEdit, 'tablet-b', 2_000);
        const first = mergeThreeWay(base, local, remote);
        const second = mergeThreeWay(
          structuredClone(base),
          structuredClone(local),
          structuredClone(remote),
        );
        expect(canonicalJson(second.merged)).toBe(canonicalJson(first.merged));
        // The server takes the merged state; replaying that same push changes nothing more.
        const replay = mergeThreeWay(remote, first.merged, first.merged);
        expect(canonicalJson(replay.merged)).toBe(canonicalJson(first.merged));
        expect(replay.newConflicts).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps only the newest conflict entries', () => {
    let current = base;
    for (let round = 0; round < 60; round++) {
      const local = applyEdit(current, { concern: `a${round}` }, 'a', 10_000 + round * 2);
      const remote = applyEdit(current, { concern: `b${round}` }, 'b', 10_000 + round * 2 - 1);
      current = mergeThreeWay(current, local, remote).merged;
    }
    expect(current.conflicts).toHaveLength(MAX_CONFLICT_ENTRIES);
    expect(current.conflicts.at(-1)?.keptValue).toBe('"a59"');
  });
});

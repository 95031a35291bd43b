import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  mergeThreeWay,
  sameContent,
  type MergeableRecord,
} from '../../src/schema/index.js';

/**
 * Properties of the three-way merge over generated records: nested objects,
 * arrays and strings (Chinese included), edited on both sides. Replaying a
 * push against a real server is checked in
 * tests/integration/push-replay-properties.test.ts.
 */
const IMMUTABLE = ['id', 'siteId', 'orderId', 'createdAt', 'createdBy'] as const;
const BOOKKEEPING = new Set(['updatedAt', 'updatedBy', 'conflicts']);

type Leaf = string | number | boolean | string[];
type Tree = { [key: string]: Leaf | Tree };
type Path = string[];
/** One side's edit: the leaf it sets, by path. */
type Edit = { path: Path; value: Leaf };

const text = fc.string({
  unit: fc.constantFrom(...'接车返修车间张伟李娜划痕异响 abcXYZ019-·'.split('')),
  maxLength: 8,
});
const leaf: fc.Arbitrary<Leaf> = fc.oneof(
  text,
  fc.integer({ min: -3, max: 3 }),
  fc.boolean(),
  fc.array(text, { maxLength: 3 }),
);
/** Small key pools, so both sides often touch the same field. */
const key = fc.constantFrom('name', 'note', 'items', 'vehicle', '备注', 'x');

const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree; value: Leaf | Tree }>((tie) => ({
  node: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('node')),
})).node;

function leafPaths(node: Tree, prefix: Path = []): Path[] {
  return Object.entries(node).flatMap(([name, value]) =>
    isTree(value) ? leafPaths(value, [...prefix, name]) : [[...prefix, name]],
  );
}

function isTree(value: unknown): value is Tree {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function valueAt(node: unknown, path: Path): unknown {
  return path.reduce<unknown>((at, name) => (isTree(at) ? at[name] : undefined), node);
}

function withEdits(node: Tree, edits: Edit[]): Tree {
  const copy = structuredClone(node);
  for (const { path, value } of edits) {
    let at: Tree = copy;
    for (const name of path.slice(0, -1)) at = at[name] as Tree;
    at[path.at(-1) as string] = value;
  }
  return copy;
}

/** Edits on existing leaves, or new top-level fields, for one side. */
function editsOf(fields: Tree): fc.Arbitrary<Edit[]> {
  const paths = leafPaths(fields);
  const target = fc.oneof(
    ...(paths.length > 0 ? [fc.constantFrom(...paths)] : []),
    fc.constantFrom<Path>(['新字段'], ['extra']),
  );
  return fc.array(fc.record({ path: target, value: leaf }), { maxLength: 4 });
}

const identity = fc.record({
  id: fc.constantFrom('order-00000001', 'order-00000002'),
  siteId: fc.constantFrom('demo-site', 'north'),
  orderId: fc.constantFrom('ro-0000000001', 'ro-0000000002'),
  createdAt: fc.integer({ min: 1, max: 3 }),
  createdBy: fc.constantFrom('advisor1', 'tech1'),
});

type Generated = MergeableRecord & Tree;

/** base, and local and remote made from it by independent edits, stamped by different people. */
const threeWay = tree.chain((fields) =>
  fc
    .record({
      baseIdentity: identity,
      localIdentity: identity,
      remoteIdentity: identity,
      localEdits: editsOf(fields),
      remoteEdits: editsOf(fields),
    })
    .map(({ baseIdentity, localIdentity, remoteIdentity, localEdits, remoteEdits }) => {
      const stamp = (updatedAt: number, updatedBy: string) => ({
        updatedAt,
        updatedBy,
        conflicts: [],
      });
      const base = { ...fields, ...baseIdentity, ...stamp(1_000, 'advisor1') } as Generated;
      const local = {
        ...withEdits(fields, localEdits),
        ...localIdentity,
        ...stamp(3_000, 'advisor2'),
      } as Generated;
      const remote = {
        ...withEdits(fields, remoteEdits),
        ...remoteIdentity,
        ...stamp(2_000, 'tech1'),
      } as Generated;
      return { base, local, remote, edited: [...localEdits, ...remoteEdits].map((e) => e.path) };
    }),
);

/** The same record with every object's keys in reverse order. */
function reordered<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reordered) as T;
  if (!isTree(value)) return value;
  const entries = Object.entries(value).reverse();
  return Object.fromEntries(entries.map(([name, child]) => [name, reordered(child)])) as T;
}

const RUNS = { numRuns: 300 };

describe('three-way merge, by property', () => {
  it('loses no field edit without a conflict record', () => {
    fc.assert(
      fc.property(threeWay, ({ base, local, remote, edited }) => {
        const { merged, newConflicts } = mergeThreeWay(base, local, remote);
        const paths = new Map(
          [...leafPaths(base), ...edited]
            .filter(([top]) => !BOOKKEEPING.has(top ?? '') && !IMMUTABLE.some((f) => f === top))
            .map((path) => [path.join('.'), path]),
        );
        const bothChanged = new Set<string>();
        for (const [name, path] of paths) {
          const [b, l, r] = [base, local, remote].map((record) => valueAt(record, path));
          const m = valueAt(merged, path);
          const localChanged = !sameContent(l, b);
          const remoteChanged = !sameContent(r, b);
          if (localChanged && remoteChanged && !sameContent(l, r)) {
            bothChanged.add(name);
            const entry = newConflicts.find((conflict) => conflict.path === name);
            expect(entry, name).toBeDefined();
            const other = sameContent(m, l) ? r : l;
            expect([canonicalJson(l), canonicalJson(r)]).toContain(canonicalJson(m));
            expect(entry?.keptValue).toBe(canonicalJson(m));
            expect(entry?.lostValue).toBe(canonicalJson(other));
          } else if (localChanged) {
            expect(canonicalJson(m), name).toBe(canonicalJson(l));
          } else {
            expect(canonicalJson(m), name).toBe(canonicalJson(r));
          }
        }
        // A conflict is recorded only where both sides really changed the same field.
        expect(newConflicts.map(({ path }) => path).sort()).toEqual([...bothChanged].sort());
        expect(merged.conflicts).toEqual(expect.arrayContaining(newConflicts));
      }),
      RUNS,
    );
  });

  it('is deterministic, whatever order the fields come in', () => {
    fc.assert(
      fc.property(threeWay, ({ base, local, remote }) => {
        const first = mergeThreeWay(base, local, remote);
        const again = mergeThreeWay(structuredClone(base), structuredClone(local), remote);
        const shuffled = mergeThreeWay(reordered(base), reordered(local), reordered(remote));
        expect(canonicalJson(again)).toBe(canonicalJson(first));
        expect(canonicalJson(shuffled)).toBe(canonicalJson(first));
      }),
      RUNS,
    );
  });

  it('keeps the server’s id, site, order, creation time and creator', () => {
    fc.assert(
      fc.property(threeWay, ({ base, local, remote }) => {
        const { merged, newConflicts } = mergeThreeWay(base, local, remote);
        for (const field of IMMUTABLE) expect(merged[field], field).toBe(remote[field]);
        // Not a conflict either: there is nothing to restore.
        const immutablePaths: readonly string[] = IMMUTABLE;
        expect(newConflicts.filter(({ path }) => immutablePaths.includes(path))).toEqual([]);
      }),
      RUNS,
    );
  });
});

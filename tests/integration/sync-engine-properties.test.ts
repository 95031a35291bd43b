import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BASE, type RepairOrder } from '../../src/schema/index.js';
import { createRepairOrder, editRepairOrder } from '../../src/features/orders/data.js';
import { pullChanges } from '../../src/sync/pull-changes.js';
import { SyncClient } from '../../src/sync/sync-http.js';
import { DATABASE_FILE_NAME } from '../../sync-server/database/sqlite-database.js';
import { AppTablet } from './helpers/app-tablet.js';
import { advisorLogin, loginAs, staticTokens } from './helpers/auth.js';
import { pullAll, pushRows, toWire } from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * The sync engine's promises, by property, with the app's own engine and
 * database against a real server over HTTP: whatever a tablet does and
 * whatever its network does to its pushes, every mutation is applied on the
 * server exactly once; and a pull never hides an edit still waiting on the
 * tablet. (The fault-injection suite checks the same over three tablets; the
 * sequence-per-site test checks that a reader never skips a committed change.)
 */
const advisor = { username: 'advisor1', siteId: 'demo-site' };

/** What the network does to one push: nothing, loses its answer, sends it twice, fails it. */
type PushFault = 'none' | 'lose-answer' | 'send-twice' | 'fail';
const pushFault = fc.constantFrom<PushFault>('none', 'lose-answer', 'send-twice', 'fail');

type Step =
  | { kind: 'create' }
  | { kind: 'edit'; order: number; field: EditedField; pause: number }
  | { kind: 'elsewhere'; order: number };
type EditedField = 'concern' | 'fuelEighths' | 'customerName';
const field = fc.constantFrom<EditedField>('concern', 'fuelEighths', 'customerName');
/**
 * Text fields only: each edit sets a value never seen before. (A fuel level can be set to
 * the one it had, an edit with nothing to send once merged, rightly dropped unsent.)
 */
const textField = fc.constantFrom<EditedField>('concern', 'customerName');
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: 'create' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      order: fc.nat(),
      field: textField,
      pause: fc.integer({ min: 0, max: 20 }),
    }),
  },
  // Another tablet changes a field this one never edits (the car's colour, say).
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('elsewhere' as const), order: fc.nat() }),
  },
);

/** Each edit writes a value of its own, so every edit is told apart on the server. */
let unique = 0;
function editOf(field: EditedField) {
  unique += 1;
  if (field === 'fuelEighths') return { fuelEighths: unique % 9 };
  if (field === 'concern') return { concern: `异响 ${unique}` };
  return { customer: { name: `张伟 ${unique}` } };
}

/**
 * The tablet's pushes go through `faults` in turn (then through untouched);
 * everything else, and the other tablet's pushes (signed with `spared`), is left alone.
 */
function faultyPushes(faults: PushFault[], spared: string) {
  const realFetch = globalThis.fetch;
  const queue = [...faults];
  globalThis.fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const push = url.includes(`${API_BASE}/sync/`) && url.endsWith('/push');
    if (!push || JSON.stringify(init?.headers ?? {}).includes(spared))
      return realFetch(input, init);
    const fault = queue.shift() ?? 'none';
    if (fault === 'fail') throw new TypeError('fetch failed: no network');
    const answer = await realFetch(input, init);
    if (fault === 'lose-answer') throw new TypeError('fetch failed: answer lost');
    if (fault === 'send-twice') return realFetch(input, init);
    return answer;
  };
  return {
    calm: () => queue.splice(0),
    restore: () => (globalThis.fetch = realFetch),
  };
}

describe('the sync engine, by property', () => {
  let server: TestServer;
  let file: Database.Database;

  beforeAll(async () => {
    server = await startTestServer();
    file = new Database(join(server.dataDir, DATABASE_FILE_NAME), { readonly: true });
  });
  afterAll(async () => {
    file.close();
    await server.stop();
  });

  /**
   * Another tablet's edit of the order's colour, on the server's current state; tried
   * again while this tablet's pushes move the order on. True once the server took it.
   */
  async function editElsewhere(orderId: string, token: string): Promise<boolean> {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const row = file
        .prepare<[string], { data: string }>('SELECT data FROM documents WHERE id = ?')
        .get(orderId);
      if (!row) return false; // not on the server yet
      const current = { ...(JSON.parse(row.data) as RepairOrder), _deleted: false };
      unique += 1;
      const next = {
        ...current,
        vehicle: { ...current.vehicle, colour: `白色 ${unique}` },
        updatedAt: current.updatedAt + 1,
      };
      const answer = await pushRows(
        server.baseUrl,
        [{ assumedMasterState: current, newDocumentState: next }],
        token,
      );
      if (answer.conflicts.length === 0 && answer.rejected.length === 0) return true;
    }
    throw new Error('the other tablet never got its edit in');
  }

  /** The server's writes of a record (its audit entries) and its kept answers, per mutation. */
  function serverWritesOf(recordId: string) {
    const writes = file
      .prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM audit_log WHERE record_id = ?')
      .get(recordId);
    const answers = file
      .prepare<[string], { mutation_id: string; code: string | null }>(
        'SELECT mutation_id, code FROM push_answers WHERE record_id = ?',
      )
      .all(recordId);
    return { writes: writes?.n ?? 0, answers };
  }

  it('applies every mutation on the server exactly once, whatever happens to the pushes', async () => {
    const other = await loginAs(server.baseUrl, 'advisor1', 'the-other-tablet');
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 12 }),
        fc.array(pushFault, { maxLength: 12 }),
        async (steps, faults) => {
          const network = faultyPushes(faults, other.accessToken);
          const tablet = await AppTablet.start(server.baseUrl);
          const elsewhere = new Map<string, number>(); // order id → the other tablet's writes
          const made = new Map<string, string>(); // mutation id → record id
          tablet.database.laneStore.mutations.hook('creating', (_key, entry) => {
            made.set(entry.id, entry.documentId);
          });
          try {
            const orders: RepairOrder[] = [];
            for (const each of steps) {
              if (each.kind === 'create' || orders.length === 0) {
                orders.push(await createRepairOrder(tablet.database, advisor, { concern: '保养' }));
                continue;
              }
              const target = orders[each.order % orders.length];
              if (!target) continue;
              if (each.kind === 'elsewhere') {
                if (await editElsewhere(target.id, other.accessToken))
                  elsewhere.set(target.id, (elsewhere.get(target.id) ?? 0) + 1);
                continue;
              }
              await editRepairOrder(tablet.database, advisor, target.id, editOf(each.field));
              await new Promise((resolve) => setTimeout(resolve, each.pause));
            }
            network.calm();
            await tablet.settle();

            expect(await tablet.pendingCount()).toBe(0);
            const onServer = new Map(
              (await pullAll(server.baseUrl)).documents.map((order) => [order.id, order]),
            );
            for (const order of orders) {
              const mutations = [...made].filter(([, record]) => record === order.id);
              const { writes, answers } = serverWritesOf(order.id);
              // Exactly once: one write per mutation, each answered as accepted, none twice.
              expect(answers.map((answer) => answer.code)).toEqual(mutations.map(() => null));
              expect(answers.map((answer) => answer.mutation_id).sort()).toEqual(
                mutations.map(([id]) => id).sort(),
              );
              expect(writes).toBe(mutations.length + (elsewhere.get(order.id) ?? 0));
              // Its own earlier writes never came back to it as conflicts (and the other
              // tablet's edits touched another field: nothing to keep either).
              const local = await tablet.database.repair_orders.findOne(order.id).exec(true);
              expect(local.toJSON().conflicts).toEqual([]);
              expect(onServer.get(order.id)).toEqual({ ...local.toJSON(), _deleted: false });
            }
          } finally {
            network.restore();
            await tablet.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);

  it('never lets a pull hide an edit still waiting on the tablet', async () => {
    const login = await advisorLogin(server.baseUrl);
    const client = new SyncClient(server.baseUrl, '', staticTokens(login));
    const edits = fc.uniqueArray(field, { minLength: 1, maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(edits, edits, async (local, remote) => {
        const tablet = await AppTablet.start(server.baseUrl);
        try {
          const order = await createRepairOrder(tablet.database, advisor, { concern: '保养' });
          await tablet.settle();
          await tablet.goOffline();

          // The tablet edits offline; meanwhile another tablet's edits reach the server.
          let mine = order;
          for (const each of local)
            mine = await editRepairOrder(tablet.database, advisor, order.id, editOf(each));
          let theirs: RepairOrder = order;
          for (const each of remote) {
            const change = editOf(each);
            theirs = {
              ...theirs,
              ...change,
              customer: { ...theirs.customer, ...change.customer },
              updatedAt: theirs.updatedAt + 1,
            } as RepairOrder;
          }
          const answer = await pushRows(
            server.baseUrl,
            [{ assumedMasterState: toWire(order), newDocumentState: toWire(theirs) }],
            login.accessToken,
          );
          expect(answer.conflicts).toEqual([]);

          // The pull brings the newer server state; the edit waiting on the tablet stays shown.
          await pullChanges({ database: tablet.database, client, note: () => undefined });
          const shown = (await tablet.database.repair_orders.findOne(order.id).exec(true)).toJSON();
          expect(shown).toEqual(mine);

          // Once pushed, every local edit is the order's value or kept as a conflict entry.
          tablet.goOnline();
          await tablet.settle();
          const merged = (
            await tablet.database.repair_orders.findOne(order.id).exec(true)
          ).toJSON();
          const kept = JSON.stringify(merged.conflicts);
          for (const each of local) {
            const value =
              each === 'customerName' ? mine.customer.name : (mine[each] as string | number);
            const final = each === 'customerName' ? merged.customer.name : merged[each];
            expect(final === value || kept.includes(JSON.stringify(value)), each).toBe(true);
          }
        } finally {
          await tablet.close();
        }
      }),
      { numRuns: 12 },
    );
  });
});

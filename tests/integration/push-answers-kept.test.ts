import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushRow, RepairOrder } from '../../src/schema/index.js';
import { DATABASE_FILE_NAME } from '../../sync-server/database/sqlite-database.js';
import { ANSWERS_KEPT_MS, createPushAnswers } from '../../sync-server/rules/push-answers.js';
import { makeRepairOrder } from '../factories/repair-order.js';
import { loginAs } from './helpers/auth.js';
import { pushRows, toWire, type WireOrder } from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * Each pushed mutation carries the tablet's id for it, and the server keeps
 * the answer it gave. A tablet whose answer was lost sends the mutation again
 * and gets the same answer, even when the record has moved on meanwhile:
 * nothing is judged again, nothing written twice. Real server, real SQLite.
 */
describe('answers kept per mutation', () => {
  let server: TestServer;
  let file: Database.Database;

  beforeEach(async () => {
    server = await startTestServer();
    file = new Database(join(server.dataDir, DATABASE_FILE_NAME), { readonly: true });
  });
  afterEach(async () => {
    file.close();
    await server.stop();
  });

  const lastSequence = () =>
    file.prepare<[], number>('SELECT value FROM sync_sequence WHERE id = 1').pluck().get();
  const storedOrder = (id: string): unknown => {
    const data = file
      .prepare<[string], string>('SELECT data FROM documents WHERE id = ?')
      .pluck()
      .get(id);
    return data === undefined ? undefined : JSON.parse(data);
  };
  const audited = () => file.prepare<[], number>('SELECT COUNT(*) FROM audit_log').pluck().get();

  function row(state: WireOrder, base: WireOrder | null, mutationId: string): PushRow<RepairOrder> {
    return { newDocumentState: state, assumedMasterState: base, mutationId };
  }

  it('answers a resend as the first send was answered, though the order has changed since', async () => {
    const first = toWire(makeRepairOrder());
    const second = { ...first, concern: '二次修改', updatedAt: first.updatedAt + 1 };
    const created = row(first, null, `repair_orders:${first.id}:${first.updatedAt}`);
    expect(await pushRows(server.baseUrl, [created])).toEqual({ conflicts: [], rejected: [] });
    const edited = row(second, first, `repair_orders:${first.id}:${second.updatedAt}`);
    expect(await pushRows(server.baseUrl, [edited])).toEqual({ conflicts: [], rejected: [] });
    const sequence = lastSequence();
    const entries = audited();

    // The creation again, as a tablet sends it when its answer never came.
    expect(await pushRows(server.baseUrl, [created])).toEqual({ conflicts: [], rejected: [] });

    expect(lastSequence()).toBe(sequence);
    expect(audited()).toBe(entries);
    expect(storedOrder(first.id)).toMatchObject({ concern: '二次修改' });
  });

  it('answers a resent refusal with the same refusal', async () => {
    const elsewhere = toWire(makeRepairOrder({ siteId: 'another-site' }));
    const refused = row(elsewhere, null, `repair_orders:${elsewhere.id}:1`);
    const answer = await pushRows(server.baseUrl, [refused]);
    expect(answer.rejected.map((rejection) => rejection.code)).toEqual(['SITE_FORBIDDEN']);

    expect(await pushRows(server.baseUrl, [refused])).toEqual(answer);
  });

  it('judges the same mutation id with another state as a new mutation', async () => {
    const first = toWire(makeRepairOrder());
    const id = `repair_orders:${first.id}:${first.updatedAt}`;
    await pushRows(server.baseUrl, [row(first, null, id)]);
    // Rebased after a conflict, a mutation keeps its id and sends a new state.
    const rebased = { ...first, concern: '合并后', updatedAt: first.updatedAt + 1 };

    expect(await pushRows(server.baseUrl, [row(rebased, first, id)])).toEqual({
      conflicts: [],
      rejected: [],
    });
    expect(storedOrder(first.id)).toMatchObject({ concern: '合并后' });
  });

  it("keeps a tablet's answers to that tablet: another's mutation of the same id is judged", async () => {
    const first = toWire(makeRepairOrder());
    const second = { ...first, concern: '二次修改', updatedAt: first.updatedAt + 1 };
    const created = row(first, null, `repair_orders:${first.id}:${first.updatedAt}`);
    await pushRows(server.baseUrl, [created]);
    await pushRows(server.baseUrl, [row(second, first, 'm2')]);

    const other = await loginAs(server.baseUrl, 'advisor1', 'another-tablet');
    const answer = await pushRows(server.baseUrl, [created], other.accessToken);

    expect(answer.conflicts).toMatchObject([{ id: first.id, concern: '二次修改' }]);
  });

  it('forgets an answer after 30 days: a resend then is judged as new', async () => {
    const first = toWire(makeRepairOrder());
    const second = { ...first, concern: '二次修改', updatedAt: first.updatedAt + 1 };
    const created = row(first, null, `repair_orders:${first.id}:${first.updatedAt}`);
    await pushRows(server.baseUrl, [created]);
    await pushRows(server.baseUrl, [row(second, first, 'm2')]);

    const writer = new Database(join(server.dataDir, DATABASE_FILE_NAME));
    try {
      const forgotten = createPushAnswers(writer).forgetOld(Date.now() + ANSWERS_KEPT_MS + 1);
      expect(forgotten).toBe(2);
    } finally {
      writer.close();
    }

    const answer = await pushRows(server.baseUrl, [created]);
    expect(answer.conflicts).toMatchObject([{ id: first.id, concern: '二次修改' }]);
  });
});

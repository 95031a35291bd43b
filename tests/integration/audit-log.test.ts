import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  API_BASE,
  DEMO_SITE,
  DEMO_USER,
  type LoginResponse,
  type RepairOrder,
} from '../../src/schema/index.js';
import type { AuditEntry } from '../../sync-server/audit/audit-entry.js';
import type { ChainVerdict } from '../../sync-server/audit/audit-chain.js';
import { DATABASE_FILE_NAME } from '../../sync-server/database/sqlite-database.js';
import { makeRepairOrder } from '../factories/repair-order.js';
import { tabletNamed, type EnrolledTablet } from '../support/enrolled-tablet.js';
import { bearer, loginAs } from './helpers/auth.js';
import { codeOf, requestJson } from './helpers/json-request.js';
import { NORTH, NORTH_PASSWORD, NORTH_PIN, addSiteWithUsers } from './helpers/second-site.js';
import { pushRows, toWire } from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * The audit log: every accepted write, who made it on which tablet, chained by
 * hash so a changed or deleted entry shows; read, exported and checked by the
 * site's admin only.
 */
const ZERO_HASH = '0'.repeat(64);

describe('audit log of accepted writes', () => {
  let server: TestServer;
  let advisor: LoginResponse;
  let foreman: LoginResponse;
  let admin: LoginResponse;
  /** The tablets the advisor and the foreman sign in on, with the ids the server gave them. */
  let laneTablet: EnrolledTablet;
  let workshopTablet: EnrolledTablet;

  beforeEach(async () => {
    server = await startTestServer();
    advisor = await loginAs(server.baseUrl, 'advisor1', 'lane-tablet-1');
    foreman = await loginAs(server.baseUrl, 'foreman1', 'workshop-tablet-2');
    admin = await loginAs(server.baseUrl, 'admin', 'office-tablet');
    laneTablet = await tabletNamed(server.baseUrl, 'lane-tablet-1');
    workshopTablet = await tabletNamed(server.baseUrl, 'workshop-tablet-2');
  });
  afterEach(() => server.stop());

  const auditUrl = (suffix = '') => `${server.baseUrl}${API_BASE}/admin/audit${suffix}`;
  const readAudit = (token: string, query = '') =>
    requestJson<{ entries: AuditEntry[] }>(auditUrl(query), { headers: bearer(token) });
  const entriesSeenBy = async (token: string, query = '') => {
    const answer = await readAudit(token, query);
    expect(answer.status).toBe(200);
    return answer.body.entries;
  };
  const verify = async () => {
    const answer = await requestJson<ChainVerdict>(auditUrl('/verify'), {
      headers: bearer(admin.accessToken),
    });
    expect(answer.status).toBe(200);
    return answer.body;
  };

  /** The advisor opens an order at the lane; the foreman changes its concern in the workshop. */
  async function orderOpenedThenChanged() {
    const order = makeRepairOrder();
    await pushRows(server.baseUrl, [{ newDocumentState: toWire(order) }], advisor.accessToken);
    const changed: RepairOrder = {
      ...order,
      concern: '刹车异响,左前轮。',
      updatedAt: order.updatedAt + 60_000,
      updatedBy: 'foreman1',
    };
    await pushRows(
      server.baseUrl,
      [{ newDocumentState: toWire(changed), assumedMasterState: toWire(order) }],
      foreman.accessToken,
    );
    return { order, changed };
  }

  function openDatabaseFile() {
    return new BetterSqlite3(path.join(server.dataDir, DATABASE_FILE_NAME));
  }

  it('records who wrote which record from which tablet, what changed, and both times', async () => {
    const before = Date.now();
    const { order, changed } = await orderOpenedThenChanged();
    const deleted = { ...changed, updatedAt: changed.updatedAt + 1000, updatedBy: 'advisor1' };
    await pushRows(
      server.baseUrl,
      [{ newDocumentState: toWire(deleted, true), assumedMasterState: toWire(changed) }],
      advisor.accessToken,
    );
    const after = Date.now();

    const [created, updated, removed, ...rest] = await entriesSeenBy(admin.accessToken);
    expect(rest).toEqual([]);
    expect(created).toMatchObject({
      username: 'advisor1',
      deviceId: laneTablet.deviceId,
      collection: 'repair_orders',
      recordId: order.id,
      action: 'create',
      changedFields: Object.keys(order).sort(),
      deviceTime: order.updatedAt,
      prevHash: ZERO_HASH,
    });
    expect(updated).toMatchObject({
      username: 'foreman1',
      deviceId: workshopTablet.deviceId,
      recordId: order.id,
      action: 'update',
      changedFields: ['concern', 'updatedAt', 'updatedBy'],
      deviceTime: changed.updatedAt,
      prevHash: created?.hash,
    });
    expect(removed).toMatchObject({
      username: 'advisor1',
      action: 'delete',
      changedFields: ['updatedAt', 'updatedBy'],
      deviceTime: deleted.updatedAt,
      prevHash: updated?.hash,
    });
    for (const entry of [created, updated, removed]) {
      expect(entry?.serverTime).toBeGreaterThanOrEqual(before);
      expect(entry?.serverTime).toBeLessThanOrEqual(after);
      expect(entry?.hash).toMatch(/^[0-9a-f]{64}$/);
    }

    // Paging: the newest alone, then what follows a seq.
    expect(await entriesSeenBy(admin.accessToken, '?limit=1')).toEqual([removed]);
    expect(await entriesSeenBy(admin.accessToken, `?after=${created?.seq}`)).toEqual([
      updated,
      removed,
    ]);
  });

  it('adds nothing for an identical resend or a refused row', async () => {
    const order = makeRepairOrder();
    const first = { newDocumentState: toWire(order) };
    await pushRows(server.baseUrl, [first], advisor.accessToken);
    const resend = await pushRows(
      server.baseUrl,
      [{ newDocumentState: toWire(order), assumedMasterState: toWire(order) }],
      advisor.accessToken,
    );
    expect(resend).toMatchObject({ conflicts: [], rejected: [] });
    const stranger = makeRepairOrder({ createdBy: 'nobody', updatedBy: 'nobody' });
    const refused = await pushRows(
      server.baseUrl,
      [{ newDocumentState: toWire(stranger) }],
      advisor.accessToken,
    );
    expect(refused.rejected).toEqual([expect.objectContaining({ code: 'AUTHOR_UNKNOWN' })]);

    const entries = await entriesSeenBy(admin.accessToken);
    expect(entries.map((entry) => [entry.recordId, entry.action])).toEqual([[order.id, 'create']]);
  });

  it('is the site admin’s alone: other roles get 403, another site sees only its own', async () => {
    await orderOpenedThenChanged();
    for (const login of [advisor, foreman]) {
      for (const suffix of ['', '/export', '/verify']) {
        const answer = await requestJson(auditUrl(suffix), { headers: bearer(login.accessToken) });
        expect(answer.status).toBe(403);
        expect(codeOf(answer)).toBe('ROLE_FORBIDDEN');
      }
    }
    expect((await requestJson(auditUrl())).status).toBe(401);

    await addSiteWithUsers(
      server.dataDir,
      NORTH,
      [{ username: 'admin', displayName: 'Zhao Lei 赵磊', role: 'admin' }],
      { password: NORTH_PASSWORD, pin: NORTH_PIN },
    );
    const northAdmin = await loginAs(server.baseUrl, 'admin', 'north-office', {
      password: NORTH_PASSWORD,
      siteId: NORTH.id,
      enrolBy: { username: 'admin', password: NORTH_PASSWORD, siteId: NORTH.id },
    });
    const northOrder = makeRepairOrder({
      siteId: NORTH.id,
      createdBy: 'admin',
      updatedBy: 'admin',
    });
    await pushRows(
      server.baseUrl,
      [{ newDocumentState: toWire(northOrder) }],
      northAdmin.accessToken,
    );

    const north = await entriesSeenBy(northAdmin.accessToken);
    expect(north.map((entry) => [entry.siteId, entry.recordId])).toEqual([
      [NORTH.id, northOrder.id],
    ]);
    // Each site's chain starts afresh, so either can be checked without the other.
    expect(north[0]?.prevHash).toBe(ZERO_HASH);
    const demo = await entriesSeenBy(admin.accessToken);
    expect(demo).toHaveLength(2);
    expect(demo.every((entry) => entry.siteId === DEMO_SITE.id)).toBe(true);
    expect(demo.map((entry) => entry.recordId)).not.toContain(northOrder.id);
  });

  it('exports the site’s entries as CSV with a byte-order mark for Excel', async () => {
    const { order } = await orderOpenedThenChanged();
    const response = await fetch(auditUrl('/export'), { headers: bearer(admin.accessToken) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename=".+\.csv"/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const lines = new TextDecoder('utf-8', { ignoreBOM: true })
      .decode(bytes.slice(3))
      .split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe(
      'seq,server_time,device_time,username,device_id,collection,record_id,action,changed_fields,prev_hash,hash',
    );
    const [created, updated] = await entriesSeenBy(admin.accessToken);
    const cellsOf = (line: string | undefined) => line?.split(',');
    expect(lines).toHaveLength(3);
    expect(cellsOf(lines[1])).toEqual([
      String(created?.seq),
      new Date(created?.serverTime ?? 0).toISOString(),
      new Date(order.updatedAt).toISOString(),
      'advisor1',
      laneTablet.deviceId,
      'repair_orders',
      order.id,
      'create',
      Object.keys(order).sort().join(' '),
      ZERO_HASH,
      created?.hash,
    ]);
    expect(cellsOf(lines[2])).toEqual(
      expect.arrayContaining(['foreman1', 'update', 'concern updatedAt updatedBy', updated?.hash]),
    );
  });

  it('verifies the chain, and finds an entry changed or deleted behind the server’s back', async () => {
    await orderOpenedThenChanged();
    await orderOpenedThenChanged();
    const entries = await entriesSeenBy(admin.accessToken);
    expect(entries).toHaveLength(4);
    expect(await verify()).toEqual({ ok: true, entries: 4 });

    const file = openDatabaseFile();
    try {
      // With the triggers in place, SQL itself refuses to change or drop an entry.
      expect(() => file.prepare("UPDATE audit_log SET username = 'admin'").run()).toThrow(
        /append-only/,
      );
      expect(() => file.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(
        /append-only/,
      );
      expect(await verify()).toEqual({ ok: true, entries: 4 });

      // Someone with the file drops the triggers and rewrites who made the second write.
      file.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
      const second = entries[1]?.seq ?? 0;
      file.prepare("UPDATE audit_log SET username = 'advisor1' WHERE seq = ?").run(second);
      expect(await verify()).toEqual({ ok: false, entries: 4, firstBrokenSeq: second });
      file.prepare('UPDATE audit_log SET username = ? WHERE seq = ?').run('foreman1', second);
      expect(await verify()).toEqual({ ok: true, entries: 4 });

      // Deleting an entry leaves the next one pointing at a hash that is gone.
      file.prepare('DELETE FROM audit_log WHERE seq = ?').run(entries[2]?.seq ?? 0);
      expect(await verify()).toEqual({
        ok: false,
        entries: 3,
        firstBrokenSeq: entries[3]?.seq,
      });
    } finally {
      file.close();
    }
  });

  it('is described in the API docs', async () => {
    const response = await fetch(`${server.baseUrl}${API_BASE}/openapi.json`);
    const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
    for (const suffix of ['', '/export', '/verify']) {
      expect(document.paths[`${API_BASE}/admin/audit${suffix}`]).toHaveProperty('get');
    }
  });
});

describe('audit log of the demo dealer', () => {
  it('has an entry for each seeded order, written as the demo advisor by the seeding', async () => {
    const server = await startTestServer({ demo: true });
    try {
      const admin = await loginAs(server.baseUrl, 'admin');
      const answer = await requestJson<{ entries: AuditEntry[] }>(
        `${server.baseUrl}${API_BASE}/admin/audit`,
        { headers: bearer(admin.accessToken) },
      );
      expect(answer.body.entries.length).toBeGreaterThan(0);
      for (const entry of answer.body.entries) {
        expect(entry).toMatchObject({
          username: DEMO_USER.username,
          deviceId: 'demo-seed',
          collection: 'repair_orders',
          action: 'create',
        });
      }
    } finally {
      await server.stop();
    }
  });
});

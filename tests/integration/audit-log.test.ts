import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  API_BASE,
  DEMO_SITE,
  canonicalJson,
  DEMO_USER,
  type LoginResponse,
  type RepairOrder,
} from '../../src/schema/index.js';
import { sha256Hex, type AuditEntry } from '../../sync-server/audit/audit-entry.js';
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
 * The audit log: every accepted write, who made it on which tablet and what it
 * wrote, chained by keyed hash so a changed or deleted entry shows; read,
 * exported and checked by the site's admin only. (Admin and sign-in events,
 * seals and forgery: audit-log-events and audit-log-tampering.)
 */
const ZERO_HASH = '0'.repeat(64);

/** Record writes only: sign-ins and enrolments of the test's setup are entries too. */
const recordWrites = (entries: AuditEntry[]) =>
  entries.filter((entry) => entry.collection === 'repair_orders');

/** The entry just before `entry` in the site's chain (zeros for the first). */
const hashBefore = (entries: AuditEntry[], entry: AuditEntry | undefined) =>
  entries[entries.findIndex((each) => each.seq === entry?.seq) - 1]?.hash ?? ZERO_HASH;

/** One CSV line's cells, quoted cells unquoted. */
function csvCells(line: string | undefined): string[] {
  const cells = [...(line ?? '').matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((match) => {
    const cell = match[1] ?? '';
    return cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
  });
  return cells.slice(0, -1);
}

describe('audit log of accepted writes', () => {
  let server: TestServer;
  let advisor: LoginResponse;
  let manager: LoginResponse;
  let admin: LoginResponse;
  /** The tablets the advisor and the service manager sign in on, with the ids the server gave them. */
  let laneTablet: EnrolledTablet;
  let workshopTablet: EnrolledTablet;

  beforeEach(async () => {
    server = await startTestServer();
    advisor = await loginAs(server.baseUrl, 'advisor1', 'lane-tablet-1');
    manager = await loginAs(server.baseUrl, 'manager1', 'workshop-tablet-2');
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

  /** The advisor opens an order at the lane; the service manager changes its concern in the workshop. */
  async function orderOpenedThenChanged() {
    const order = makeRepairOrder();
    await pushRows(server.baseUrl, [{ newDocumentState: toWire(order) }], advisor.accessToken);
    const changed: RepairOrder = {
      ...order,
      concern: '刹车异响,左前轮。',
      updatedAt: order.updatedAt + 60_000,
      updatedBy: 'manager1',
    };
    await pushRows(
      server.baseUrl,
      [{ newDocumentState: toWire(changed), assumedMasterState: toWire(order) }],
      manager.accessToken,
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

    const all = await entriesSeenBy(admin.accessToken);
    const [created, updated, removed, ...rest] = recordWrites(all);
    expect(rest).toEqual([]);
    expect(created).toMatchObject({
      username: 'advisor1',
      deviceId: laneTablet.deviceId,
      collection: 'repair_orders',
      recordId: order.id,
      action: 'create',
      changedFields: Object.keys(order).sort(),
      written: order,
      deviceTime: order.updatedAt,
      prevHash: hashBefore(all, created),
    });
    expect(updated).toMatchObject({
      username: 'manager1',
      deviceId: workshopTablet.deviceId,
      recordId: order.id,
      action: 'update',
      changedFields: ['concern', 'updatedAt', 'updatedBy'],
      written: { concern: changed.concern, updatedAt: changed.updatedAt, updatedBy: 'manager1' },
      deviceTime: changed.updatedAt,
      prevHash: created?.hash,
    });
    expect(removed).toMatchObject({
      username: 'advisor1',
      action: 'delete',
      changedFields: ['updatedAt', 'updatedBy'],
      written: { updatedAt: deleted.updatedAt, updatedBy: 'advisor1' },
      deviceTime: deleted.updatedAt,
      prevHash: updated?.hash,
    });
    // Each holds the SHA-256 of the state it wrote: the newest is what the server stores now.
    const file = openDatabaseFile();
    try {
      const stored = file
        .prepare('SELECT data FROM documents WHERE id = ?')
        .pluck()
        .get(order.id) as string;
      expect(removed?.stateHash).toBe(sha256Hex(stored));
    } finally {
      file.close();
    }
    expect(new Set([created, updated, removed].map((entry) => entry?.stateHash)).size).toBe(3);
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

    const entries = recordWrites(await entriesSeenBy(admin.accessToken));
    expect(entries.map((entry) => [entry.recordId, entry.action])).toEqual([[order.id, 'create']]);
  });

  it('is the site admin’s alone: other roles get 403, another site sees only its own', async () => {
    await orderOpenedThenChanged();
    for (const login of [advisor, manager]) {
      for (const suffix of ['', '/export', '/verify', '/seal']) {
        const answer = await requestJson(auditUrl(suffix), { headers: bearer(login.accessToken) });
        expect(answer.status).toBe(403);
        expect(codeOf(answer)).toBe('ROLE_FORBIDDEN');
      }
      const sealing = await requestJson(auditUrl('/seal'), {
        method: 'POST',
        headers: bearer(login.accessToken),
      });
      expect(sealing.status).toBe(403);
    }
    expect((await requestJson(auditUrl())).status).toBe(401);

    await addSiteWithUsers(
      server.dataDir,
      NORTH,
      [
        { username: 'admin', displayName: 'Zhao Lei 赵磊', role: 'admin' },
        { username: 'advisor', displayName: 'Li Na 李娜', role: 'advisor' },
      ],
      { password: NORTH_PASSWORD, pin: NORTH_PIN },
    );
    const northSignIn = (username: string, tablet: string) =>
      loginAs(server.baseUrl, username, tablet, {
        password: NORTH_PASSWORD,
        siteId: NORTH.id,
        enrolBy: { username: 'admin', password: NORTH_PASSWORD, siteId: NORTH.id },
      });
    const northAdmin = await northSignIn('admin', 'north-office');
    const northAdvisor = await northSignIn('advisor', 'north-lane');
    const northOrder = makeRepairOrder({
      siteId: NORTH.id,
      createdBy: 'advisor',
      updatedBy: 'advisor',
    });
    await pushRows(
      server.baseUrl,
      [{ newDocumentState: toWire(northOrder) }],
      northAdvisor.accessToken,
    );

    const north = await entriesSeenBy(northAdmin.accessToken);
    expect(recordWrites(north).map((entry) => [entry.siteId, entry.recordId])).toEqual([
      [NORTH.id, northOrder.id],
    ]);
    expect(north.every((entry) => entry.siteId === NORTH.id)).toBe(true);
    // Each site's chain starts afresh, so either can be checked without the other.
    expect(north[0]?.prevHash).toBe(ZERO_HASH);
    // Made after the server's start-up seal: not sealed yet, the chain alone is checked.
    const northSeal = await requestJson(auditUrl('/seal'), {
      headers: bearer(northAdmin.accessToken),
    });
    expect(northSeal.body).toEqual({ seal: null });
    const northVerdict = await requestJson(auditUrl('/verify'), {
      headers: bearer(northAdmin.accessToken),
    });
    expect(northVerdict.body).toEqual({ ok: true, entries: north.length, seal: null });
    const demo = await entriesSeenBy(admin.accessToken);
    expect(recordWrites(demo)).toHaveLength(2);
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
      'seq,server_time,device_time,username,device_id,collection,record_id,action,changed_fields,prev_hash,hash,state_hash,written',
    );
    const all = await entriesSeenBy(admin.accessToken);
    const [created, updated] = recordWrites(all);
    expect(lines).toHaveLength(all.length + 1);
    const lineOf = (entry: AuditEntry | undefined) =>
      lines.find((line) => line.startsWith(`${entry?.seq},`));
    expect(csvCells(lineOf(created))).toEqual([
      String(created?.seq),
      new Date(created?.serverTime ?? 0).toISOString(),
      new Date(order.updatedAt).toISOString(),
      'advisor1',
      laneTablet.deviceId,
      'repair_orders',
      order.id,
      'create',
      Object.keys(order).sort().join(' '),
      hashBefore(all, created),
      created?.hash,
      created?.stateHash,
      canonicalJson(order),
    ]);
    expect(csvCells(lineOf(updated))).toEqual(
      expect.arrayContaining(['manager1', 'update', 'concern updatedAt updatedBy', updated?.hash]),
    );
  });

  it('verifies the chain, and finds an entry changed or deleted behind the server’s back', async () => {
    await orderOpenedThenChanged();
    await orderOpenedThenChanged();
    const all = await entriesSeenBy(admin.accessToken);
    const entries = recordWrites(all);
    expect(entries).toHaveLength(4);
    const intact = { ok: true, entries: all.length };
    expect(await verify()).toMatchObject(intact);

    const file = openDatabaseFile();
    try {
      // With the triggers in place, SQL itself refuses to change or drop an entry.
      expect(() => file.prepare("UPDATE audit_log SET username = 'admin'").run()).toThrow(
        /append-only/,
      );
      expect(() => file.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(
        /append-only/,
      );
      expect(await verify()).toMatchObject(intact);

      // Someone with the file drops the triggers and rewrites who made the second write.
      file.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
      const second = entries[1]?.seq ?? 0;
      file.prepare("UPDATE audit_log SET username = 'advisor1' WHERE seq = ?").run(second);
      expect(await verify()).toMatchObject({
        ok: false,
        entries: all.length,
        problem: 'entry-changed',
        firstBrokenSeq: second,
      });
      file.prepare('UPDATE audit_log SET username = ? WHERE seq = ?').run('manager1', second);
      expect(await verify()).toMatchObject(intact);

      // Deleting an entry leaves the next one pointing at a hash that is gone.
      file.prepare('DELETE FROM audit_log WHERE seq = ?').run(entries[2]?.seq ?? 0);
      expect(await verify()).toMatchObject({
        ok: false,
        entries: all.length - 1,
        problem: 'entry-changed',
        firstBrokenSeq: entries[3]?.seq,
      });
    } finally {
      file.close();
    }
  });

  it('is described in the API docs', async () => {
    const response = await fetch(`${server.baseUrl}${API_BASE}/openapi.json`);
    const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
    for (const suffix of ['', '/export', '/verify', '/seal']) {
      expect(document.paths[`${API_BASE}/admin/audit${suffix}`]).toHaveProperty('get');
    }
    expect(document.paths[`${API_BASE}/admin/audit/seal`]).toHaveProperty('post');
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
      const seeded = answer.body.entries.filter((entry) => entry.deviceId === 'demo-seed');
      expect(seeded.length).toBeGreaterThan(0);
      // The rest is the admin enrolling the test's tablet and signing in on it.
      expect(recordWrites(answer.body.entries)).toEqual(seeded);
      for (const entry of seeded) {
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

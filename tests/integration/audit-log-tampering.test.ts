import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  API_BASE,
  DEMO_SITE,
  type AuditChainVerdict,
  type AuditEntry,
  type AuditSeal,
  type LoginResponse,
} from '../../src/schema/index.js';
import { DATABASE_FILE_NAME } from '../../sync-server/database/sqlite-database.js';
import { MIGRATIONS, migrate } from '../../sync-server/database/migrations.js';
import { makeRepairOrder } from '../factories/repair-order.js';
import { runAdminCli } from './helpers/admin-cli-process.js';
import { bearer, loginAs } from './helpers/auth.js';
import { pushRows, toWire } from './helpers/sync-http.js';
import { makeTempDir, startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * Someone with the server's database file (not its key) rewrites, re-hashes
 * or cuts off the audit log; the keyed chain and the last seal show it. The
 * attacker's side is written by hand here, as they would write it: SQL on the
 * file, SHA-256 from node:crypto, JSON by hand; the checks go over plain HTTP.
 */
const ZERO_HASH = '0'.repeat(64);
const SITE = DEMO_SITE.id;

/** JSON with keys sorted at every depth: the attacker read the source and knows the form. */
const sortedJson = (value: unknown) =>
  JSON.stringify(value, (_key, child: unknown) =>
    child && typeof child === 'object' && !Array.isArray(child)
      ? Object.fromEntries(Object.entries(child).sort(([a], [b]) => (a < b ? -1 : 1)))
      : child,
  );
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

interface Row {
  seq: number;
  site_id: string;
  server_time: number;
  device_time: number | null;
  username: string;
  device_id: string;
  collection: string;
  record_id: string;
  action: string;
  changed_fields: string;
  written: string | null;
  state_hash: string | null;
  prev_hash: string;
  hash: string;
}

/** The fields of a row as the pre-keyed scheme hashed them, plus the new ones when present. */
function plainHashOf(row: Row, prevHash: string): string {
  const fields: Record<string, unknown> = {
    seq: row.seq,
    siteId: row.site_id,
    serverTime: row.server_time,
    deviceTime: row.device_time,
    username: row.username,
    deviceId: row.device_id,
    collection: row.collection,
    recordId: row.record_id,
    action: row.action,
    changedFields: JSON.parse(row.changed_fields),
    prevHash,
  };
  if (row.written !== null) fields.written = JSON.parse(row.written);
  if (row.state_hash !== null) fields.stateHash = row.state_hash;
  return sha256(prevHash + sortedJson(fields));
}

/** The attacker opens the file beside the running server and drops the append-only triggers. */
function attackerOpens(dataDir: string): Database {
  const file = new BetterSqlite3(path.join(dataDir, DATABASE_FILE_NAME));
  file.exec(
    'DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;',
  );
  return file;
}

/** Re-hashes (plain SHA-256) and re-links every entry of the site from `fromSeq` on. */
function rehashFrom(file: Database, fromSeq: number): void {
  const rows = file
    .prepare('SELECT * FROM audit_log WHERE site_id = ? ORDER BY seq')
    .all(SITE) as Row[];
  const update = file.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
  let prevHash = ZERO_HASH;
  for (const row of rows) {
    if (row.seq >= fromSeq) {
      const hash = plainHashOf(row, prevHash);
      update.run(prevHash, hash, row.seq);
      prevHash = hash;
    } else prevHash = row.hash;
  }
}

describe('the audit log against someone with the database file', () => {
  let server: TestServer;
  let admin: LoginResponse;
  let advisor: LoginResponse;

  beforeEach(async () => {
    server = await startTestServer();
    admin = await loginAs(server.baseUrl, 'admin', 'office-pc');
    advisor = await loginAs(server.baseUrl, 'advisor1', 'lane-tablet');
  });
  afterEach(() => server.stop());

  const auditUrl = (suffix = '') => `${server.baseUrl}${API_BASE}/admin/audit${suffix}`;
  async function adminGets<T>(suffix: string): Promise<T> {
    const response = await fetch(auditUrl(suffix), { headers: bearer(admin.accessToken) });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }
  const verify = () => adminGets<AuditChainVerdict>('/verify');
  const entries = async () => (await adminGets<{ entries: AuditEntry[] }>('?limit=500')).entries;
  async function sealNow(): Promise<AuditSeal> {
    const response = await fetch(auditUrl('/seal'), {
      method: 'POST',
      headers: bearer(admin.accessToken),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { seal: AuditSeal }).seal;
  }
  async function ordersPushed(count: number): Promise<AuditEntry[]> {
    const rows = Array.from({ length: count }, () => ({
      newDocumentState: toWire(makeRepairOrder()),
    }));
    const answer = await pushRows(server.baseUrl, rows, advisor.accessToken);
    expect(answer.rejected).toEqual([]);
    return (await entries()).filter((entry) => entry.collection === 'repair_orders');
  }

  it(
    'finds an entry rewritten in the file, by route and by `npm run admin -- verify-audit`, naming it',
    { timeout: 60_000 },
    async () => {
      const [, target] = await ordersPushed(3);
      const total = (await entries()).length;
      expect(await verify()).toMatchObject({ ok: true, entries: total });

      const file = attackerOpens(server.dataDir);
      try {
        // What the advisor wrote is changed after the fact: "brake noise" becomes "no fault found".
        file
          .prepare(
            "UPDATE audit_log SET written = json_set(written, '$.concern', '无异常') WHERE seq = ?",
          )
          .run(target?.seq);
      } finally {
        file.close();
      }
      expect(await verify()).toMatchObject({
        ok: false,
        entries: total,
        problem: 'entry-changed',
        firstBrokenSeq: target?.seq,
      });
      const cli = await runAdminCli(server.dataDir, ['verify-audit', '--site', SITE]);
      expect(cli.code).toBe(1);
      expect(cli.stderr).toContain(`FAILS: entry-changed at entry ${target?.seq}`);
    },
  );

  it('finds the newest ten entries cut off after a seal, and a seal edited to match', async () => {
    await ordersPushed(12);
    const seal = await sealNow();
    const all = await entries();
    expect(seal).toMatchObject({ siteId: SITE, lastSeq: all.at(-1)?.seq, entries: all.length });
    expect(await adminGets('/seal')).toEqual({ seal });
    expect(await verify()).toEqual({ ok: true, entries: all.length, seal });

    const file = attackerOpens(server.dataDir);
    try {
      file
        .prepare(
          'DELETE FROM audit_log WHERE seq IN (SELECT seq FROM audit_log WHERE site_id = ? ORDER BY seq DESC LIMIT 10)',
        )
        .run(SITE);
    } finally {
      file.close();
    }
    // What is left is a chain whose every link holds: only the seal knows what is missing.
    expect(await verify()).toEqual({
      ok: false,
      entries: all.length - 10,
      problem: 'log-truncated',
      firstBrokenSeq: seal.lastSeq,
      seal,
    });

    // The attacker appends a seal naming the new head, "signed" the only way they can.
    const head = all.at(-11);
    const fields = {
      siteId: seal.siteId,
      lastSeq: head?.seq,
      lastHash: head?.hash,
      entries: all.length - 10,
      sealedAt: Date.now(),
    };
    const sealFile = path.join(server.dataDir, 'audit-seals', `${SITE}.jsonl`);
    fs.appendFileSync(
      sealFile,
      `${JSON.stringify({ ...fields, mac: sha256(sortedJson(fields)) })}\n`,
    );
    expect(await verify()).toMatchObject({ ok: false, problem: 'seal-invalid' });
  });

  it('cannot be re-hashed into a valid chain without the key: plain SHA-256 does not do', async () => {
    const [first] = await ordersPushed(3);
    // The stored hashes are not plain SHA-256 of the entries: a key went in.
    const file = attackerOpens(server.dataDir);
    try {
      const rows = file
        .prepare('SELECT * FROM audit_log WHERE site_id = ? ORDER BY seq')
        .all(SITE) as Row[];
      expect(rows.every((row) => row.hash !== plainHashOf(row, row.prev_hash))).toBe(true);

      // The advisor's entry is given to someone else, then it and every later one re-hashed and re-linked.
      file.prepare("UPDATE audit_log SET username = 'manager1' WHERE seq = ?").run(first?.seq);
      rehashFrom(file, first?.seq ?? 0);
      expect(await verify()).toMatchObject({
        ok: false,
        problem: 'entry-changed',
        firstBrokenSeq: first?.seq,
      });

      // Passed off as an entry from before the keyed chain: no "what was written", old hash.
      file
        .prepare('UPDATE audit_log SET written = NULL, state_hash = NULL WHERE seq = ?')
        .run(first?.seq);
      rehashFrom(file, first?.seq ?? 0);
      expect(await verify()).toMatchObject({
        ok: false,
        problem: 'entry-changed',
        firstBrokenSeq: first?.seq,
      });
    } finally {
      file.close();
    }
  });

  it('keeps its key outside the database file, readable by the server’s user only', async () => {
    const keyFile = path.join(server.dataDir, 'audit-chain.key');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = fs.readFileSync(keyFile, 'utf8').trim();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const database = fs.readFileSync(path.join(server.dataDir, DATABASE_FILE_NAME));
    expect(database.includes(key)).toBe(false);
    expect(database.includes(Buffer.from(key, 'hex'))).toBe(false);
  });

  it(
    'verifies only with its own key: AUDIT_CHAIN_KEY set to another one fails the chain',
    { timeout: 60_000 },
    async () => {
      await ordersPushed(1);
      const [first] = await entries();
      const otherKey = { AUDIT_CHAIN_KEY: 'ab'.repeat(32) };
      const cli = await runAdminCli(server.dataDir, ['verify-audit', '--site', SITE], otherKey);
      expect(cli.code).toBe(1);
      expect(cli.stderr).toContain(`FAILS: entry-changed at entry ${first?.seq}`);
      const own = await runAdminCli(server.dataDir, ['verify-audit', '--site', SITE]);
      expect(own).toMatchObject({ code: 0 });
    },
  );
});

describe('entries written before the chain was keyed (migration 6)', () => {
  /** Three entries as the previous version wrote them: plain SHA-256, no "what was written". */
  async function databaseOfThePreviousVersion(): Promise<string> {
    const dataDir = await makeTempDir();
    const file = new BetterSqlite3(path.join(dataDir, DATABASE_FILE_NAME));
    try {
      migrate(
        file,
        MIGRATIONS.filter((migration) => migration.version < 6),
      );
      const insert = file.prepare(
        `INSERT INTO audit_log (seq, site_id, server_time, device_time, username, device_id,
           collection, record_id, action, changed_fields, prev_hash, hash)
         VALUES (@seq, @site_id, @server_time, @device_time, @username, @device_id,
           @collection, @record_id, @action, @changed_fields, @prev_hash, @hash)`,
      );
      let prevHash = ZERO_HASH;
      for (const seq of [1, 2, 3]) {
        const row = {
          seq,
          site_id: SITE,
          server_time: 1_790_000_000_000 + seq,
          device_time: 1_790_000_000_000,
          username: 'advisor1',
          device_id: 'lane-tablet-1',
          collection: 'repair_orders',
          record_id: `order-${seq}`,
          action: 'create',
          changed_fields: JSON.stringify(['concern', 'id']),
          written: null,
          state_hash: null,
          prev_hash: prevHash,
          hash: '',
        };
        row.hash = plainHashOf(row, prevHash);
        // The previous version's table has no written or state_hash column.
        const columns: Record<string, unknown> = { ...row };
        delete columns.written;
        delete columns.state_hash;
        insert.run(columns);
        prevHash = row.hash;
      }
    } finally {
      file.close();
    }
    return dataDir;
  }

  it('still verify after the upgrade, and a rewrite of them (re-hashed in full) is found', async () => {
    const server = await startTestServer({ dataDir: await databaseOfThePreviousVersion() });
    try {
      const admin = await loginAs(server.baseUrl, 'admin', 'office-pc');
      const get = async <T>(suffix: string) =>
        (await (
          await fetch(`${server.baseUrl}${API_BASE}/admin/audit${suffix}`, {
            headers: bearer(admin.accessToken),
          })
        ).json()) as T;
      const { entries } = await get<{ entries: AuditEntry[] }>('');
      const [oldOne, , oldHead, firstKeyed] = entries;
      expect(entries.map((entry) => entry.action)).toEqual([
        'create',
        'create',
        'create',
        'device-enrolled',
        'signed-in',
      ]);
      expect(oldOne).toMatchObject({ written: null, stateHash: null, prevHash: ZERO_HASH });
      expect(firstKeyed?.prevHash).toBe(oldHead?.hash);
      expect(await get('/verify')).toMatchObject({ ok: true, entries: 5 });

      // The whole old chain rewritten and re-hashed consistently: only the keyed start knows.
      const file = attackerOpens(server.dataDir);
      try {
        file.prepare("UPDATE audit_log SET username = 'tech1' WHERE seq = 2").run();
        const rows = file
          .prepare('SELECT * FROM audit_log WHERE seq <= 3 ORDER BY seq')
          .all() as Row[];
        const update = file.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
        let prevHash = ZERO_HASH;
        for (const row of rows) {
          const hash = plainHashOf(row, prevHash);
          update.run(prevHash, hash, row.seq);
          prevHash = hash;
        }
      } finally {
        file.close();
      }
      expect(await get('/verify')).toMatchObject({
        ok: false,
        problem: 'entry-changed',
        firstBrokenSeq: firstKeyed?.seq,
      });
    } finally {
      await server.stop();
    }
  });
});

import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  API_BASE,
  DEMO_SITE,
  PROTOCOL_HEADER,
  codedError,
  type DamageMark,
  type Photo,
  type PushResponse,
  type PushRow,
} from '../../src/schema/index.js';
import { createSqliteBlobOwners } from '../../sync-server/blobs/blob-owners.js';
import { createFilesystemBlobStorage } from '../../sync-server/blobs/filesystem-blob-storage.js';
import {
  ORPHAN_BLOB_GRACE_MS,
  sweepOrphanBlobs,
} from '../../sync-server/blobs/orphan-blob-sweep.js';
import {
  closeSqliteDatabase,
  openSqliteDatabase,
} from '../../sync-server/database/sqlite-database.js';
import { MIGRATIONS, migrate } from '../../sync-server/database/migrations.js';
import { makeWorkshopOrder } from '../factories/workshop.js';
import { makePhoto } from '../factories/photo.js';
import { bearer, loginAs } from './helpers/auth.js';
import { NORTH, NORTH_PASSWORD, NORTH_PIN, addSiteWithUsers } from './helpers/second-site.js';
import { SYNC_HEADERS, syncUrl } from './helpers/sync-http.js';
import { makeTempDir, startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * What keeps blobs safe on the server: each belongs to the sites that
 * uploaded it, only verified bytes are kept, crashed uploads leave nothing
 * for long, and a blob no record names goes only after 30 days.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

/** Distinct small JPEGs: the server checks the JPEG signature, not the whole image. */
function makeJpeg(): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(256)]);
}
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('blobs on the server', () => {
  let server: TestServer;
  let demoToken: string;
  const orderId = makeWorkshopOrder().id;

  beforeEach(async () => {
    server = await startTestServer();
    demoToken = (await loginAs(server.baseUrl, 'advisor1')).accessToken;
  });
  afterEach(async () => server.stop());

  const blobUrl = (hash: string) => `${server.baseUrl}${API_BASE}/blobs/${hash}`;
  const headers = (token: string) => ({
    [PROTOCOL_HEADER]: SYNC_HEADERS[PROTOCOL_HEADER],
    ...bearer(token),
  });

  function put(bytes: Buffer, token = demoToken, hash = sha256(bytes)) {
    return fetch(blobUrl(hash), {
      method: 'PUT',
      headers: { ...headers(token), 'content-type': 'image/jpeg' },
      body: new Uint8Array(bytes),
    });
  }

  function read(hash: string, method: 'GET' | 'HEAD', token = demoToken) {
    return fetch(blobUrl(hash), { method, headers: headers(token) });
  }

  async function push<T>(collection: string, rows: PushRow<T>[]): Promise<PushResponse<T>> {
    const response = await fetch(syncUrl(server.baseUrl, 'push', collection), {
      method: 'POST',
      headers: { ...SYNC_HEADERS, ...bearer(demoToken) },
      body: JSON.stringify(rows),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as PushResponse<T>;
  }

  /** Every file under the blobs folder, `*.partial` leftovers included. */
  async function blobFiles(): Promise<string[]> {
    const root = path.join(server.dataDir, 'blobs');
    try {
      const entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
      return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
    } catch {
      return [];
    }
  }

  function photoNaming(hash: string): Photo & { _deleted: boolean } {
    return {
      ...makePhoto(orderId, { id: hash, siteId: DEMO_SITE.id, subjectRef: 'mark-1', bytes: 260 }),
      _deleted: false,
    };
  }

  function damageMarkShowing(photoIds: string[]): DamageMark & { _deleted: boolean } {
    const now = Date.now();
    return {
      id: `mark-${sha256(Buffer.from(photoIds.join())).slice(0, 20)}`,
      siteId: DEMO_SITE.id,
      createdAt: now,
      createdBy: 'advisor1',
      updatedAt: now,
      updatedBy: 'advisor1',
      orderId,
      number: 1,
      view: 'front',
      x: 0.4,
      y: 0.5,
      type: 'scratch',
      size: 'small',
      note: '左前保险杠划痕',
      photoIds,
      removed: false,
      conflicts: [],
      _deleted: false,
    };
  }

  describe('belong to the site that uploaded them', () => {
    let northToken: string;

    beforeEach(async () => {
      // North's advisor signs in on a tablet north's admin enrolled.
      await addSiteWithUsers(
        server.dataDir,
        NORTH,
        [
          { username: 'advisor1', displayName: 'Gao Yan 高燕', role: 'advisor' },
          { username: 'north-admin', displayName: 'Qian Bo 钱波', role: 'admin' },
        ],
        { password: NORTH_PASSWORD, pin: NORTH_PIN },
      );
      northToken = (
        await loginAs(server.baseUrl, 'advisor1', 'north-tablet', {
          password: NORTH_PASSWORD,
          siteId: NORTH.id,
          enrolBy: { username: 'north-admin', password: NORTH_PASSWORD },
        })
      ).accessToken;
    });

    it('another site is told the blob does not exist; the uploading site reads it', async () => {
      const photo = makeJpeg();
      const hash = sha256(photo);
      expect((await put(photo)).status).toBe(201);

      expect((await read(hash, 'HEAD', northToken)).status).toBe(404);
      const refused = await read(hash, 'GET', northToken);
      expect(refused.status).toBe(404);
      expect(await refused.json()).toEqual(codedError('NOT_FOUND'));
      // Exactly what a blob nobody holds answers.
      const unknown = await read(sha256(makeJpeg()), 'GET', northToken);
      expect(await unknown.json()).toEqual(codedError('NOT_FOUND'));

      const technician = (await loginAs(server.baseUrl, 'tech1')).accessToken;
      expect((await read(hash, 'HEAD', technician)).status).toBe(200);
      const served = await read(hash, 'GET', technician);
      expect(Buffer.from(await served.arrayBuffer()).equals(photo)).toBe(true);
    });

    it('a site that uploads the same bytes becomes an owner too, idempotently', async () => {
      const photo = makeJpeg();
      const hash = sha256(photo);
      expect((await put(photo)).status).toBe(201);
      expect((await put(photo, northToken)).status).toBe(200);
      expect((await put(photo, northToken)).status).toBe(200);

      expect((await read(hash, 'HEAD', northToken)).status).toBe(200);
      expect((await read(hash, 'HEAD')).status).toBe(200);
      const database = openSqliteDatabase(server.dataDir);
      try {
        const owners = database
          .prepare('SELECT site_id FROM blob_owners WHERE sha256 = ? ORDER BY site_id')
          .pluck()
          .all(hash);
        expect(owners).toEqual([DEMO_SITE.id, NORTH.id]);
      } finally {
        closeSqliteDatabase(database);
      }
    });
  });

  describe('only verified bytes are kept', () => {
    it('a corrupted upload is refused and leaves no file, not even a partial one', async () => {
      const photo = makeJpeg();
      const corrupted = Buffer.from(photo);
      corrupted[100] = (corrupted[100] ?? 0) ^ 0xff;
      const response = await put(corrupted, demoToken, sha256(photo));
      expect(response.status).toBe(422);
      expect(await response.json()).toEqual(codedError('BLOB_HASH_MISMATCH'));
      expect(await blobFiles()).toEqual([]);
    });

    it('a truncated upload under the whole file’s hash is refused and leaves no file', async () => {
      const photo = makeJpeg();
      const response = await put(photo.subarray(0, 128), demoToken, sha256(photo));
      expect(response.status).toBe(422);
      expect(await blobFiles()).toEqual([]);
      expect((await read(sha256(photo), 'HEAD')).status).toBe(404);
    });

    it('a connection cut mid-upload leaves no file', async () => {
      const photo = makeJpeg();
      const { port } = new URL(server.baseUrl);
      const request = http.request({
        host: '127.0.0.1',
        port: Number(port),
        method: 'PUT',
        path: `${API_BASE}/blobs/${sha256(photo)}`,
        headers: {
          ...headers(demoToken),
          'content-type': 'image/jpeg',
          'content-length': String(photo.length),
        },
      });
      const closed = new Promise<void>((resolve) => request.on('close', resolve));
      request.on('error', () => undefined);
      request.write(photo.subarray(0, 100), () => request.destroy());
      await closed;
      // A cut body never reaches the handler that stores; the server still takes whole ones.
      expect((await put(makeJpeg())).status).toBe(201);
      expect((await blobFiles()).filter((name) => name.startsWith(sha256(photo)))).toEqual([]);
      expect((await blobFiles()).filter((name) => name.endsWith('.partial'))).toEqual([]);
    });
  });

  it('a crash’s leftover partial files older than an hour are removed on start', async () => {
    await server.stop({ keepData: true });
    const directory = path.join(server.dataDir, 'blobs', 'ab', 'cd');
    await fs.mkdir(directory, { recursive: true });
    const stale = path.join(directory, `${'ab'.padEnd(64, 'c')}.1111.partial`);
    const fresh = path.join(directory, `${'ab'.padEnd(64, 'd')}.2222.partial`);
    await fs.writeFile(stale, 'half a photo');
    await fs.writeFile(fresh, 'an upload still being written');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await fs.utimes(stale, twoHoursAgo, twoHoursAgo);

    server = await startTestServer({ dataDir: server.dataDir, demoUsers: false });

    expect(await blobFiles()).toEqual([path.basename(fresh)]);
  });

  it('a record naming a blob the server lacks is accepted, and the blob comes later', async () => {
    const photo = makeJpeg();
    const hash = sha256(photo);
    expect(await push('photos', [{ newDocumentState: photoNaming(hash) }])).toEqual({
      conflicts: [],
      rejected: [],
    });
    expect((await read(hash, 'HEAD')).status).toBe(404);

    expect((await put(photo)).status).toBe(201);
    const served = await read(hash, 'GET');
    expect(Buffer.from(await served.arrayBuffer()).equals(photo)).toBe(true);
  });

  describe('orphans', () => {
    async function sweepAt(now: number): Promise<string[]> {
      const database = openSqliteDatabase(server.dataDir);
      try {
        const storage = createFilesystemBlobStorage(path.join(server.dataDir, 'blobs'));
        const owners = createSqliteBlobOwners(database);
        return await sweepOrphanBlobs({ storage, database, owners, now });
      } finally {
        closeSqliteDatabase(database);
      }
    }

    it('are removed only after 30 days, and a referenced blob never', async () => {
      const [ofPhoto, ofMark, ofRemovedMark, orphan] = [0, 1, 2, 3].map(() => makeJpeg()) as [
        Buffer,
        Buffer,
        Buffer,
        Buffer,
      ];
      for (const bytes of [ofPhoto, ofMark, ofRemovedMark, orphan]) {
        expect((await put(bytes)).status).toBe(201);
      }
      const live = damageMarkShowing([sha256(ofMark)]);
      const removed = damageMarkShowing([sha256(ofRemovedMark)]);
      const accepted = { conflicts: [], rejected: [] };
      expect(await push('photos', [{ newDocumentState: photoNaming(sha256(ofPhoto)) }])).toEqual(
        accepted,
      );
      expect(
        await push('damage_marks', [{ newDocumentState: live }, { newDocumentState: removed }]),
      ).toEqual(accepted);
      // A deleted record no longer holds its photo.
      expect(
        await push('damage_marks', [
          { newDocumentState: { ...removed, _deleted: true }, assumedMasterState: removed },
        ]),
      ).toEqual(accepted);
      const uploadedAt = Date.now();

      expect(await sweepAt(uploadedAt + ORPHAN_BLOB_GRACE_MS - DAY_MS)).toEqual([]);
      expect((await read(sha256(orphan), 'HEAD')).status).toBe(200);

      const swept = await sweepAt(uploadedAt + ORPHAN_BLOB_GRACE_MS + DAY_MS);

      expect(swept.sort()).toEqual([sha256(ofRemovedMark), sha256(orphan)].sort());
      for (const gone of [ofRemovedMark, orphan]) {
        expect((await read(sha256(gone), 'HEAD')).status).toBe(404);
        expect((await blobFiles()).filter((name) => name.startsWith(sha256(gone)))).toEqual([]);
      }
      for (const kept of [ofPhoto, ofMark]) {
        const served = await read(sha256(kept), 'GET');
        expect(Buffer.from(await served.arrayBuffer()).equals(kept)).toBe(true);
      }
      // Uploaded again after the sweep, an orphan is stored afresh.
      expect((await put(orphan)).status).toBe(201);
    });

    it('an old orphan uploaded again starts its 30 days over', async () => {
      const orphan = makeJpeg();
      expect((await put(orphan)).status).toBe(201);
      const blobFile = path.join(
        server.dataDir,
        'blobs',
        sha256(orphan).slice(0, 2),
        sha256(orphan).slice(2, 4),
        sha256(orphan),
      );
      const longAgo = new Date(Date.now() - 40 * DAY_MS);
      await fs.utimes(blobFile, longAgo, longAgo);

      expect((await put(orphan)).status).toBe(200);

      expect(await sweepAt(Date.now())).toEqual([]);
      expect((await read(sha256(orphan), 'HEAD')).status).toBe(200);
    });
  });
});

describe('blobs stored before ownership was kept', () => {
  it('belong to the sites whose records name them once the database is migrated', async () => {
    const dataDir = await makeTempDir();
    const database = new BetterSqlite3(path.join(dataDir, 'before-ownership.sqlite'));
    try {
      const ownership = MIGRATIONS.findIndex(({ name }) => name === 'blob-owners');
      migrate(database, MIGRATIONS.slice(0, ownership));
      const photo = sha256(makeJpeg());
      const inFinding = sha256(makeJpeg());
      const insert = database.prepare(
        `INSERT INTO documents (collection, id, site_id, seq, deleted, data, server_time)
         VALUES (?, ?, ?, ?, 0, ?, 1000)`,
      );
      insert.run('photos', photo, 'demo-site', 1, JSON.stringify({ id: photo }));
      const job = { id: 'job-00000001', findings: [{ text: '刹车片磨损', photoIds: [inFinding] }] };
      insert.run('jobs', job.id, 'north', 2, JSON.stringify(job));

      migrate(database);

      const owners = database
        .prepare('SELECT sha256, site_id AS siteId FROM blob_owners ORDER BY site_id')
        .all();
      expect(owners).toEqual([
        { sha256: photo, siteId: 'demo-site' },
        { sha256: inFinding, siteId: 'north' },
      ]);
    } finally {
      database.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});

import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  API_BASE,
  BLOB_LIMITS,
  PROTOCOL_HEADER,
  SYNC_PROTOCOL_VERSION,
} from '../../src/schema/index.js';
import { advisorToken, bearer } from './helpers/auth.js';
import { SYNC_HEADERS } from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

const fixture = (name: string) => readFile(new URL(`../fixtures/images/${name}`, import.meta.url));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const protocol = { [PROTOCOL_HEADER]: SYNC_HEADERS[PROTOCOL_HEADER] };

describe('blob upload and download', () => {
  let server: TestServer;
  let photo: Buffer;
  let token: string;
  /** The protocol header and the demo advisor's access token. */
  let signed: Record<string, string>;
  const blobUrl = (hash: string) => `${server.baseUrl}${API_BASE}/blobs/${hash}`;

  function put(
    hash: string,
    body: Buffer,
    contentType = 'image/jpeg',
    headers: Record<string, string> = signed,
  ) {
    return fetch(blobUrl(hash), {
      method: 'PUT',
      headers: { ...headers, 'content-type': contentType },
      body: new Uint8Array(body),
    });
  }

  /** Every file under the data dir's blobs folder, so a test can see nothing was stored. */
  async function storedFiles(): Promise<string[]> {
    const root = path.join(server.dataDir, 'blobs');
    try {
      return (await readdir(root, { recursive: true, withFileTypes: true }))
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
    } catch {
      return [];
    }
  }

  beforeEach(async () => {
    server = await startTestServer();
    token = await advisorToken(server.baseUrl);
    signed = { ...protocol, ...bearer(token) };
    photo = await fixture('gradient-800x600.jpg');
  });
  afterEach(async () => server.stop());

  it('a tablet uploads a photo and another tablet downloads the same bytes', async () => {
    const hash = sha256(photo);
    const stored = await put(hash, photo);
    expect(stored.status).toBe(201);
    expect(await stored.json()).toEqual({
      sha256: hash,
      contentType: 'image/jpeg',
      bytes: photo.length,
      created: true,
    });

    const download = await fetch(blobUrl(hash), { headers: signed });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    expect(download.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(sha256(bytes)).toBe(hash);
    expect(await storedFiles()).toEqual(
      [
        `${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`,
        `${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}.json`,
      ].sort(),
    );
  });

  it('keeps the content type of a PNG signature image', async () => {
    const png = await fixture('signature-64x32.png');
    expect((await put(sha256(png), png, 'image/png')).status).toBe(201);
    const download = await fetch(blobUrl(sha256(png)), { headers: signed });
    expect(download.headers.get('content-type')).toBe('image/png');
  });

  it('refuses bytes that do not match their hash and stores nothing', async () => {
    const otherHash = sha256(Buffer.from('something else'));
    const response = await put(otherHash, photo);
    expect(response.status).toBe(422);
    expect((await response.json()).code).toBe('BLOB_HASH_MISMATCH');
    expect(await storedFiles()).toEqual([]);
    const head = await fetch(blobUrl(otherHash), { method: 'HEAD', headers: signed });
    expect(head.status).toBe(404);
  });

  it('refuses an address that is not a SHA-256', async () => {
    const response = await put('ABC', photo);
    expect(response.status).toBe(422);
    expect((await response.json()).code).toBe('SCHEMA_INVALID');
  });

  it('refuses a type other than JPEG, WebP or PNG with 415', async () => {
    const text = Buffer.from('<html>not a photo</html>');
    for (const contentType of ['text/html', 'application/json', 'image/gif']) {
      const response = await put(sha256(text), text, contentType);
      expect(response.status, contentType).toBe(415);
      expect((await response.json()).code).toBe('BLOB_TYPE_UNSUPPORTED');
    }
  });

  it('refuses bytes that are not the image type they claim to be', async () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const response = await put(sha256(html), html, 'image/png');
    expect(response.status).toBe(415);
    expect((await response.json()).code).toBe('BLOB_TYPE_UNSUPPORTED');
    expect(await storedFiles()).toEqual([]);
  });

  it('refuses a blob over the size limit with 413', async () => {
    const huge = Buffer.concat([photo, Buffer.alloc(BLOB_LIMITS.maxBytes)]);
    const response = await put(sha256(huge), huge);
    expect(response.status).toBe(413);
    expect((await response.json()).code).toBe('BLOB_TOO_LARGE');
    expect(await storedFiles()).toEqual([]);
  });

  it('takes the same upload twice without change', async () => {
    const hash = sha256(photo);
    expect((await put(hash, photo)).status).toBe(201);
    const before = await storedFiles();
    const again = await put(hash, photo);
    expect(again.status).toBe(200);
    expect((await again.json()).created).toBe(false);
    expect(await storedFiles()).toEqual(before);
  });

  it('answers HEAD with 404 before the upload and 200 after', async () => {
    const hash = sha256(photo);
    const before = await fetch(blobUrl(hash), { method: 'HEAD', headers: signed });
    expect(before.status).toBe(404);
    await put(hash, photo);
    const after = await fetch(blobUrl(hash), { method: 'HEAD', headers: signed });
    expect(after.status).toBe(200);
    expect(after.headers.get('content-type')).toBe('image/jpeg');
    const missing = await fetch(blobUrl(sha256(Buffer.from('x'))), { headers: signed });
    expect(missing.status).toBe(404);
  });

  it('stores nothing from an upload cut off halfway, and the retry succeeds', async () => {
    const large = await fixture('gradient-4000x3000.jpg');
    const hash = sha256(large);
    await new Promise<void>((resolve) => {
      const url = new URL(blobUrl(hash));
      const request = http.request({
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'PUT',
        headers: { ...signed, 'content-type': 'image/jpeg', 'content-length': large.length },
      });
      request.on('error', () => resolve());
      request.on('close', () => resolve());
      request.write(large.subarray(0, large.length / 2), () => {
        // The tablet leaves the Wi-Fi mid-upload.
        setTimeout(() => request.destroy(), 50);
      });
    });
    const head = await fetch(blobUrl(hash), { method: 'HEAD', headers: signed });
    expect(head.status).toBe(404);
    expect(await storedFiles()).toEqual([]);

    const retry = await put(hash, large);
    expect(retry.status).toBe(201);
    const download = await fetch(blobUrl(hash), { headers: signed });
    expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(hash);
  });

  it('refuses a tablet without the current sync protocol with 426', async () => {
    const hash = sha256(photo);
    const withoutHeader = await put(hash, photo, 'image/jpeg', {});
    expect(withoutHeader.status).toBe(426);
    expect((await withoutHeader.json()).code).toBe('PROTOCOL_OUTDATED');
    const old = await put(hash, photo, 'image/jpeg', { [PROTOCOL_HEADER]: '0' });
    expect(old.status).toBe(426);
    expect((await fetch(blobUrl(hash))).status).toBe(426);
    expect(await storedFiles()).toEqual([]);
    // The protocol may come as a query parameter too (the token always as a header).
    await put(hash, photo);
    const byQuery = await fetch(`${blobUrl(hash)}?protocol=${SYNC_PROTOCOL_VERSION}`, {
      headers: bearer(token),
    });
    expect(byQuery.status).toBe(200);
  });

  it('describes the blob routes in the OpenAPI document', async () => {
    const document = (await (await fetch(`${server.baseUrl}${API_BASE}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: object } }>>;
    };
    const blobs = document.paths[`${API_BASE}/blobs/{sha256}`];
    // HEAD is described under GET: @fastify/swagger lists no HEAD routes by default.
    expect(Object.keys(blobs ?? {}).sort()).toEqual(['get', 'put']);
    expect(Object.keys(blobs?.put?.requestBody?.content ?? {}).sort()).toEqual(
      [...BLOB_LIMITS.types].sort(),
    );
  });
});

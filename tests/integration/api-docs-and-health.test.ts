import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { API_BASE, COLLECTION_NAMES, SYNC_PROTOCOL_VERSION } from '../../src/schema/index.js';
import { makeTempDir, startTestServer, type TestServer } from './helpers/test-server.js';

describe('health, API docs and the app shell', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('health answers with the version and protocol', async () => {
    server = await startTestServer();
    const response = await fetch(`${server.baseUrl}${API_BASE}/health`);
    expect(response.status).toBe(200);
    const health = (await response.json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', protocol: SYNC_PROTOCOL_VERSION });
    expect(health.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Date.parse(String(health.time))).not.toBeNaN();
  });

  it('serves the OpenAPI document listing push, pull and stream for every collection', async () => {
    server = await startTestServer();
    const response = await fetch(`${server.baseUrl}${API_BASE}/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.openapi).toMatch(/^3\./);
    for (const collection of COLLECTION_NAMES) {
      expect(document.paths[`${API_BASE}/sync/${collection}/push`]).toHaveProperty('post');
      expect(document.paths[`${API_BASE}/sync/${collection}/pull`]).toHaveProperty('get');
      expect(document.paths[`${API_BASE}/sync/${collection}/stream`]).toHaveProperty('get');
    }
    const docsPage = await fetch(`${server.baseUrl}${API_BASE}/docs`);
    expect(docsPage.status).toBe(200);
  });

  it('serves the built app with SPA fallback and the right cache headers', async () => {
    const staticDir = await makeTempDir();
    await fs.mkdir(path.join(staticDir, 'assets'));
    await fs.writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>lane</title>');
    await fs.writeFile(path.join(staticDir, 'sw.js'), 'self.skipWaiting();');
    await fs.writeFile(path.join(staticDir, 'assets', 'index-abc123.js'), 'console.log(1);');
    try {
      server = await startTestServer({ staticDir });
      const root = await fetch(`${server.baseUrl}/`);
      expect(await root.text()).toContain('<title>lane</title>');
      expect(root.headers.get('cache-control')).toBe('no-cache');

      const deepLink = await fetch(`${server.baseUrl}/orders/RO-1/check-in`);
      expect(deepLink.status).toBe(200);
      expect(await deepLink.text()).toContain('<title>lane</title>');
      expect(deepLink.headers.get('cache-control')).toBe('no-cache');

      const worker = await fetch(`${server.baseUrl}/sw.js`);
      expect(worker.headers.get('cache-control')).toBe('no-cache');

      const asset = await fetch(`${server.baseUrl}/assets/index-abc123.js`);
      expect(asset.headers.get('cache-control')).toContain('immutable');

      const apiMiss = await fetch(`${server.baseUrl}${API_BASE}/nothing`);
      expect(apiMiss.status).toBe(404);
    } finally {
      await fs.rm(staticDir, { recursive: true, force: true });
    }
  });
});

import fs from 'node:fs/promises';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BASE } from '../../src/schema/index.js';
import {
  CONTENT_SECURITY_POLICY,
  registerSecurityHeaders,
} from '../../sync-server/http/security-headers.js';
import { makeTempDir, startTestServer, type TestServer } from './helpers/test-server.js';

describe('security headers', () => {
  let server: TestServer;
  let staticDir: string;

  beforeAll(async () => {
    staticDir = await makeTempDir();
    await fs.writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>lane</title>');
    server = await startTestServer({ staticDir });
  });
  afterAll(async () => {
    await server.stop();
    await fs.rm(staticDir, { recursive: true, force: true });
  });

  function expectSecurityHeaders(response: Response) {
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    for (const directive of [
      "default-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ]) {
      expect(csp).toContain(directive);
    }
    // Scripts from nowhere but the app itself, never inline, never eval.
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*(unsafe-inline|\*|http|data:|blob:)/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('permissions-policy')).toBe(
      'camera=(self), geolocation=(), microphone=()',
    );
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    // Plain HTTP: HSTS would be ignored, and must not pin a LAN server to HTTPS.
    expect(response.headers.get('strict-transport-security')).toBeNull();
  }

  it('the app shell carries them', async () => {
    const response = await fetch(`${server.baseUrl}/`);
    expect(response.status).toBe(200);
    expectSecurityHeaders(response);
  });

  it('an app route the client handles carries them', async () => {
    const response = await fetch(`${server.baseUrl}/orders/123`);
    expect(response.status).toBe(200);
    expectSecurityHeaders(response);
  });

  it('an API answer carries them', async () => {
    const response = await fetch(`${server.baseUrl}${API_BASE}/health`);
    expect(response.status).toBe(200);
    expectSecurityHeaders(response);
  });

  it('a refusal carries them', async () => {
    const response = await fetch(`${server.baseUrl}${API_BASE}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":',
    });
    expect(response.status).toBe(400);
    expectSecurityHeaders(response);
  });

  it('a request without a token and an unknown API address carry them', async () => {
    const unauthorised = await fetch(`${server.baseUrl}${API_BASE}/site/users`);
    expect(unauthorised.status).toBe(401);
    expectSecurityHeaders(unauthorised);
    const missing = await fetch(`${server.baseUrl}${API_BASE}/nothing-here`);
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing);
  });

  it('the API docs page carries them', async () => {
    const response = await fetch(`${server.baseUrl}${API_BASE}/docs/static/index.html`);
    expect(response.status).toBe(200);
    expectSecurityHeaders(response);
  });

  it('a client cannot ask for HSTS on plain HTTP with a forwarded header', async () => {
    // The server does not trust proxies, so x-forwarded-proto is the client's word only.
    const response = await server.app.inject({
      method: 'GET',
      url: `${API_BASE}/health`,
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('HSTS is sent when the request came over HTTPS (here via a trusted TLS proxy)', async () => {
    const app = Fastify({ trustProxy: true });
    registerSecurityHeaders(app);
    app.get('/', async () => 'ok');
    try {
      const secure = await app.inject({ url: '/', headers: { 'x-forwarded-proto': 'https' } });
      expect(secure.headers['strict-transport-security']).toBe(
        'max-age=31536000; includeSubDomains',
      );
      const plain = await app.inject({ url: '/' });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});

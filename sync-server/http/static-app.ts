import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { API_BASE, codedError } from '../../src/schema/index.js';

/**
 * Serves the built tablet app at `/`. Hashed files under /assets are cached
 * for a year; everything else (index.html, sw.js, the manifest) is revalidated
 * on every load so a new release is found. Unknown non-API GETs get
 * index.html: the app routes on the client.
 */
const LONG_CACHE = 'public, max-age=31536000, immutable';

export async function registerStaticApp(app: FastifyInstance, staticDir: string): Promise<void> {
  const root = path.resolve(staticDir);
  await app.register(fastifyStatic, {
    root,
    cacheControl: false,
    setHeaders(reply, filePath) {
      const isHashedAsset = path.relative(root, filePath).startsWith(`assets${path.sep}`);
      reply.header('cache-control', isHashedAsset ? LONG_CACHE : 'no-cache');
    },
  });
}

export function registerNotFound(app: FastifyInstance, serveAppShell: boolean): void {
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url === API_BASE || request.url.startsWith(`${API_BASE}/`);
    const isPageLoad = request.method === 'GET' || request.method === 'HEAD';
    if (serveAppShell && isPageLoad && !isApi) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send(codedError('NOT_FOUND'));
  });
}

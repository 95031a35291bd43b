import { readFileSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { SYNC_LIMITS } from '../src/schema/index.js';
import { createAuditSealer, startDailyAuditSeals } from './audit/audit-seals.js';
import { createAuthService, type AuthOptions } from './auth/auth-service.js';
import { createSqliteDocumentStore } from './database/sqlite-document-store.js';
import { openSqliteDatabase } from './database/sqlite-database.js';
import { seedDemo } from './demo/seed-demo.js';
import { createFilesystemBlobStorage } from './blobs/filesystem-blob-storage.js';
import { adminRoutes } from './http/admin-routes.js';
import { auditRoutes } from './http/audit-routes.js';
import { authRoutes } from './http/auth-routes.js';
import { blobRoutes } from './http/blob-routes.js';
import { CODED_FRAMEWORK_REFUSALS, registerErrorHandling } from './http/coded-errors.js';
import { drainConnectionsOnClose } from './http/connection-drain.js';
import { registerHealthRoute } from './http/health-route.js';
import { withLogRedaction } from './http/log-redaction.js';
import { registerOpenApi } from './http/openapi.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { decorateRequestAuth } from './http/require-auth.js';
import { registerNotFound, registerStaticApp } from './http/static-app.js';
import { signerKeyRoutes } from './http/signer-key-routes.js';
import { streamTicketRoutes } from './http/stream-ticket-routes.js';
import { syncRoutes } from './http/sync-routes.js';
import { configureValidation } from './http/validation.js';
import { createInMemoryChangeFeed } from './live/change-feed.js';
import { createEventStreams } from './live/event-streams.js';

/**
 * Builds the whole server (database, sync API, docs, the built app) without
 * listening, so tests and main.ts start it the same way. app.close() ends
 * live streams, waits for requests in flight, then closes the database.
 */
export interface BuildServerOptions {
  dataDir: string;
  logger?: FastifyServerOptions['logger'];
  /** Seed the demo dealer into an empty database. Never pass true in production. */
  demo?: boolean;
  /** The built tablet app (vite's dist/), served at `/`. */
  staticDir?: string;
  /** Access-token lifetime and the clock sign-in reads; tests shorten or move them. */
  auth?: AuthOptions;
}

export const PACKAGE_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const database = openSqliteDatabase(options.dataDir);
  const documents = createSqliteDocumentStore(database);
  try {
    if (options.demo) await seedDemo(database, documents);
    const auth = createAuthService(database, options.auth);
    const feed = createInMemoryChangeFeed();
    const streams = createEventStreams(feed);
    const app = Fastify({
      // No secret in a log line: stream tickets and stray tokens are cut from logged addresses.
      logger: withLogRedaction(options.logger),
      bodyLimit: SYNC_LIMITS.maxBodyBytes,
      ...CODED_FRAMEWORK_REFUSALS,
    });
    drainConnectionsOnClose(app);
    registerSecurityHeaders(app);
    app.addHook('preClose', async () => streams.closeAll());
    app.addHook('onClose', async () => documents.close());
    // The audit chain's head, sealed into a file now and daily (sync-server/audit/audit-seals.ts).
    const seals = startDailyAuditSeals(createAuditSealer(database), (error) =>
      app.log.error({ err: error }, 'audit log seal failed'),
    );
    app.addHook('onClose', async () => seals.stop());

    // The API speaks JSON only: anything else is refused with 415, not parsed as text.
    app.removeContentTypeParser('text/plain');
    configureValidation(app);
    registerErrorHandling(app);
    await registerOpenApi(app, PACKAGE_VERSION);
    registerHealthRoute(app, PACKAGE_VERSION);
    decorateRequestAuth(app);
    await app.register(authRoutes, { auth });
    await app.register(adminRoutes, { database, auth, streams });
    await app.register(auditRoutes, { database, auth });
    await app.register(signerKeyRoutes, { database, auth });
    await app.register(streamTicketRoutes, { auth });
    await app.register(syncRoutes, { documents, feed, streams, auth });
    // Blobs as files beside the database (sync-server/blobs/filesystem-blob-storage.ts).
    const blobStorage = createFilesystemBlobStorage(path.join(options.dataDir, 'blobs'));
    await app.register(blobRoutes, { storage: blobStorage, auth, database });
    if (options.staticDir) await registerStaticApp(app, options.staticDir);
    registerNotFound(app, Boolean(options.staticDir));
    await app.ready();
    return app;
  } catch (error) {
    documents.close();
    throw error;
  }
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD, DEMO_PIN, DEMO_SITE, DEMO_USERS } from '../src/schema/index.js';
import { buildServer } from './build-server.js';

/**
 * Entry point of `npm start`: one process serving the built app and the sync
 * API on one port. Configured by PORT, HOST, DATA_DIR, STATIC_DIR, NODE_ENV and LOG_LEVEL.
 */
const SHUTDOWN_DEADLINE_MS = 10_000;

const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '0.0.0.0';
const dataDir = path.resolve(process.env.DATA_DIR ?? './data');
const production = process.env.NODE_ENV === 'production';
// STATIC_DIR serves another build (tests of app updates use a copy they can change).
const staticDir = process.env.STATIC_DIR
  ? path.resolve(process.env.STATIC_DIR)
  : fileURLToPath(new URL('../dist', import.meta.url));
const hasBuiltApp = existsSync(path.join(staticDir, 'index.html'));

const app = await buildServer({
  dataDir,
  logger: { level: process.env.LOG_LEVEL ?? 'info' },
  demo: !production,
  staticDir: hasBuiltApp ? staticDir : undefined,
});
if (!hasBuiltApp) {
  app.log.warn({ staticDir }, 'no built app found: serving the API only (run `npm run build`)');
}

stopGracefullyOn(app, ['SIGTERM', 'SIGINT']);
await app.listen({ port, host });
const address = app.server.address();
const actualPort = typeof address === 'object' && address ? address.port : port;
const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${actualPort}`;
app.log.info({ url, port: actualPort, host, dataDir, production }, 'listening');
if (!production) printDemoSignIn(url);
else app.log.info('sites and users are managed with `npm run admin -- help`');

function stopGracefullyOn(server: FastifyInstance, signals: NodeJS.Signals[]): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    server.log.info({ signal }, 'shutting down: finishing requests in flight');
    setTimeout(() => {
      server.log.error('shutdown took too long: exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    server.close().then(
      () => {
        server.log.info('stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        server.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  for (const signal of signals) process.on(signal, stop);
}

/** Human-readable, on stderr, so stdout stays one JSON log record per line. */
function printDemoSignIn(appUrl: string): void {
  const lines = [
    '',
    `  Service lane demo (${DEMO_SITE.name}) is running at ${appUrl}`,
    `  Users: ${DEMO_USERS.map((user) => user.username).join(', ')}`,
    `  Password: ${DEMO_PASSWORD}    PIN: ${DEMO_PIN}`,
    '  Manage sites and users: npm run admin -- help',
    `  API docs: ${appUrl}/api/v1/docs`,
    '',
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
}

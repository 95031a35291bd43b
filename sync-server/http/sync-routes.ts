import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  API_BASE,
  COLLECTION_NAMES,
  STORE_HEADER,
  SYNC_LIMITS,
  codedError,
  isCollectionName,
  type CollectionName,
} from '../../src/schema/index.js';
import type { DocumentStore, PushContext, PushRowInput } from '../database/document-store.js';
import type { ChangeFeed } from '../live/change-feed.js';
import type { EventStreams } from '../live/event-streams.js';
import type { AuthService } from '../auth/auth-service.js';
import { allCollectionsStreamSchema } from '../live/all-collections-stream-schema.js';
import { requireCurrentProtocol } from './protocol-guard.js';
import { requireAuth } from './require-auth.js';
import {
  changesPullRouteSchema,
  pullRouteSchema,
  pushRouteSchema,
  streamRouteSchema,
} from './sync-route-schemas.js';

/**
 * RxDB's replication protocol over HTTP: push, pull and a live stream for
 * each synced collection, registered one route per collection so each body is
 * validated against (and documented with) that collection's wire schema.
 */
export interface SyncRoutesOptions {
  documents: DocumentStore;
  feed: ChangeFeed;
  streams: EventStreams;
  auth: AuthService;
}

/** Rules are checked against the pusher's site, from the access token, never from the body. */
function pushContextOf(request: FastifyRequest): PushContext {
  const { auth } = request;
  const store = storeOf(request);
  return {
    siteId: auth.siteId,
    username: auth.username,
    deviceId: auth.deviceId,
    ...(store ? { store } : {}),
  };
}

/** The tablet database the request names (STORE_HEADER; its pattern is checked by the route schema). */
function storeOf(request: FastifyRequest): string | undefined {
  const value = request.headers[STORE_HEADER];
  return typeof value === 'string' ? value : undefined;
}

interface PullQuery {
  checkpoint?: number;
  limit?: number;
}

function registerCollection(
  app: FastifyInstance,
  collection: CollectionName,
  { documents, feed, streams, auth }: SyncRoutesOptions,
): void {
  const base = `${API_BASE}/sync/${collection}`;

  app.post(`${base}/push`, { schema: pushRouteSchema(collection) }, async (request) => {
    const rows = request.body as PushRowInput[];
    const { conflicts, written, rejected, alsoWritten } = await documents.push(
      collection,
      rows,
      pushContextOf(request),
    );
    for (const { id, code } of rejected) request.log.info({ collection, id, code }, 'push refused');
    const last = written.at(-1);
    if (last) {
      // The stored copies, with the server's receipt stamp where the record has one.
      feed.publish(collection, {
        documents: written.map((entry) => entry.document),
        checkpoint: { sequence: last.sequence },
      });
    }
    // Sign-offs the server judged when their job arrived reach the tablets live too.
    for (const entry of alsoWritten ?? [])
      feed.publish(entry.collection, {
        documents: [entry.document],
        checkpoint: { sequence: entry.sequence },
      });
    return { conflicts, rejected };
  });

  app.get(`${base}/pull`, { schema: pullRouteSchema(collection) }, async (request) => {
    const query = request.query as PullQuery;
    const after = query.checkpoint ?? 0;
    const limit = query.limit ?? SYNC_LIMITS.defaultPullLimit;
    const page = documents.pull(collection, request.auth.siteId, after, limit);
    // An empty page keeps the tablet where it was.
    const fallback = query.checkpoint === undefined ? null : { sequence: after };
    return {
      documents: page.documents,
      checkpoint: page.checkpoint ?? fallback,
      more: page.more,
      remaining: page.remaining,
    };
  });

  // No HEAD twin: a hijacked stream has no headers-only form.
  app.get(
    `${base}/stream`,
    {
      schema: streamRouteSchema(collection),
      exposeHeadRoute: false,
      config: { streamTicket: true },
    },
    (request, reply) => {
      reply.hijack();
      streams.open(collection, reply.raw, {
        siteId: request.auth.siteId,
        userId: request.auth.userId,
        deviceId: request.auth.deviceId,
        stillAllowed: () => auth.stillAllowed(request.auth),
      });
    },
  );
}

export async function syncRoutes(app: FastifyInstance, options: SyncRoutesOptions) {
  // An outdated tablet hears first that it must update: signing in would not help it.
  app.addHook('onRequest', requireCurrentProtocol);
  app.addHook('onRequest', requireAuth(options.auth));
  for (const collection of COLLECTION_NAMES) registerCollection(app, collection, options);
  app.get(`${API_BASE}/sync/pull`, { schema: changesPullRouteSchema }, async (request, reply) => {
    const query = request.query as PullQuery;
    const after = query.checkpoint ?? 0;
    const limit = query.limit ?? SYNC_LIMITS.defaultPullLimit;
    const page = options.documents.pullChanges(request.auth.siteId, after, limit, storeOf(request));
    const fallback = query.checkpoint === undefined ? null : { sequence: after };
    const checkpoint = page.checkpoint ?? fallback;
    const { changesJson } = page;
    if (changesJson === undefined)
      return { changes: page.changes, checkpoint, more: page.more, remaining: page.remaining };
    // The stored documents' own text: a page of 1,000 is not parsed and serialised again.
    const rest = JSON.stringify({ checkpoint, more: page.more, remaining: page.remaining });
    return reply
      .type('application/json; charset=utf-8')
      .send(`{"changes":${changesJson},${rest.slice(1)}`);
  });
  app.get(
    `${API_BASE}/sync/stream`,
    {
      schema: allCollectionsStreamSchema,
      exposeHeadRoute: false,
      config: { streamTicket: true },
    },
    (request, reply) => {
      reply.hijack();
      options.streams.open('all', reply.raw, {
        siteId: request.auth.siteId,
        userId: request.auth.userId,
        deviceId: request.auth.deviceId,
        stillAllowed: () => options.auth.stillAllowed(request.auth),
      });
    },
  );

  app.all(`${API_BASE}/sync/:collection/*`, { schema: { hide: true } }, async (request, reply) => {
    const { collection } = request.params as { collection: string };
    const code = isCollectionName(collection) ? 'NOT_FOUND' : 'UNKNOWN_COLLECTION';
    return reply.code(404).send(codedError(code));
  });
}

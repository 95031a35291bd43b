import type { FastifyInstance } from 'fastify';
import {
  API_BASE,
  COLLECTION_NAMES,
  SYNC_LIMITS,
  codedError,
  isCollectionName,
  type CollectionName,
} from '../../src/schema/index.js';
import type { DocumentStore, PushRowInput } from '../database/document-store.js';
import type { ChangeFeed } from '../live/change-feed.js';
import type { EventStreams } from '../live/event-streams.js';
import { requireCurrentProtocol } from './protocol-guard.js';
import { pullRouteSchema, pushRouteSchema, streamRouteSchema } from './sync-route-schemas.js';

/**
 * RxDB's replication protocol over HTTP: push, pull and a live stream for
 * each synced collection, registered one route per collection so each body is
 * validated against (and documented with) that collection's wire schema.
 */
export interface SyncRoutesOptions {
  documents: DocumentStore;
  feed: ChangeFeed;
  streams: EventStreams;
}

interface PullQuery {
  checkpoint?: number;
  limit?: number;
}

function registerCollection(
  app: FastifyInstance,
  collection: CollectionName,
  { documents, feed, streams }: SyncRoutesOptions,
): void {
  const base = `${API_BASE}/sync/${collection}`;

  app.post(`${base}/push`, { schema: pushRouteSchema(collection) }, async (request) => {
    const { conflicts, written } = documents.push(collection, request.body as PushRowInput[]);
    const last = written.at(-1);
    if (last) {
      feed.publish(collection, {
        documents: written.map((entry) => entry.document),
        checkpoint: { sequence: last.sequence },
      });
    }
    return { conflicts };
  });

  app.get(`${base}/pull`, { schema: pullRouteSchema(collection) }, async (request) => {
    const query = request.query as PullQuery;
    const after = query.checkpoint ?? 0;
    const page = documents.pull(collection, after, query.limit ?? SYNC_LIMITS.defaultPullLimit);
    // An empty page keeps the tablet where it was.
    const fallback = query.checkpoint === undefined ? null : { sequence: after };
    return { documents: page.documents, checkpoint: page.checkpoint ?? fallback };
  });

  // No HEAD twin: a hijacked stream has no headers-only form.
  app.get(
    `${base}/stream`,
    { schema: streamRouteSchema(collection), exposeHeadRoute: false },
    (_request, reply) => {
      reply.hijack();
      streams.open(collection, reply.raw);
    },
  );
}

export async function syncRoutes(app: FastifyInstance, options: SyncRoutesOptions) {
  app.addHook('onRequest', requireCurrentProtocol);
  for (const collection of COLLECTION_NAMES) registerCollection(app, collection, options);

  app.all(`${API_BASE}/sync/:collection/*`, { schema: { hide: true } }, async (request, reply) => {
    const { collection } = request.params as { collection: string };
    const code = isCollectionName(collection) ? 'NOT_FOUND' : 'UNKNOWN_COLLECTION';
    return reply.code(404).send(codedError(code));
  });
}

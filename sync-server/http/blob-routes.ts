import type { Database } from 'better-sqlite3';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_BASE, BLOB_LIMITS, codedError } from '../../src/schema/index.js';
import { blobTypeOf, sha256Of, sniffBlobType } from '../blobs/blob-bytes.js';
import { createSqliteBlobOwners } from '../blobs/blob-owners.js';
import type { BlobStorage } from '../blobs/blob-storage.js';
import { BLOB_SWEEP_INTERVAL_MS, maintainBlobs } from '../blobs/orphan-blob-sweep.js';
import { getBlobSchema, headBlobSchema, putBlobSchema } from '../blobs/blob-route-schemas.js';
import type { AuthService } from '../auth/auth-service.js';
import { requireCurrentProtocol } from './protocol-guard.js';
import { requireAuth } from './require-auth.js';

/**
 * Content-addressed blobs: PUT verifies the bytes against the SHA-256 in the
 * address before storing them; HEAD lets a tablet skip an upload; GET serves
 * them to tablets of the same site. Same protocol header and access token as
 * sync. A blob belongs to the sites that uploaded it: to anyone else HEAD and
 * GET answer 404, as for a blob not held. Orphans and crashed uploads'
 * leftovers are cleaned up on start and daily (blobs/orphan-blob-sweep.ts).
 */
export interface BlobRoutesOptions {
  storage: BlobStorage;
  auth: AuthService;
  /** Blob ownership, and the records whose references keep a blob from the orphan sweep. */
  database: Database;
}

interface BlobParams {
  sha256: string;
}

const IMMUTABLE = 'private, max-age=31536000, immutable';

/** Refuses a wrong type before the body is read; Fastify refuses an oversized one. */
async function requireBlobType(request: FastifyRequest, reply: FastifyReply) {
  if (request.method !== 'PUT') return undefined;
  if (blobTypeOf(request.headers['content-type']) === null) {
    return reply.code(415).send(codedError('BLOB_TYPE_UNSUPPORTED'));
  }
  return undefined;
}

export async function blobRoutes(
  app: FastifyInstance,
  { storage, auth, database }: BlobRoutesOptions,
) {
  const route = `${API_BASE}/blobs/:sha256`;
  const owners = createSqliteBlobOwners(database);
  const maintain = () =>
    maintainBlobs({ storage, database, owners, now: Date.now() }).catch((error: unknown) =>
      app.log.error({ err: error }, 'blob clean-up failed'),
    );
  await maintain();
  // unref: the daily clean-up never keeps the process alive on its own.
  const daily = setInterval(() => void maintain(), BLOB_SWEEP_INTERVAL_MS).unref();
  app.addHook('onClose', async () => clearInterval(daily));
  /** The blob as this user's site sees it: null when not held or not the site's. */
  const statForSite = async (request: FastifyRequest) => {
    const { sha256 } = request.params as BlobParams;
    return owners.owns(sha256, request.auth.siteId) ? storage.stat(sha256) : null;
  };
  app.addHook('onRequest', requireCurrentProtocol);
  app.addHook('onRequest', requireAuth(auth));
  app.addHook('onRequest', requireBlobType);
  app.addContentTypeParser(
    [...BLOB_LIMITS.types],
    { parseAs: 'buffer', bodyLimit: BLOB_LIMITS.maxBytes },
    (_request, body, done) => done(null, body),
  );
  // Blob-specific names for what Fastify refuses; everything else goes to the app's handler.
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send(codedError('BLOB_TOO_LARGE'));
    }
    throw error;
  });

  app.put(
    route,
    { schema: putBlobSchema, bodyLimit: BLOB_LIMITS.maxBytes },
    async (request, reply) => {
      const { sha256 } = request.params as BlobParams;
      const bytes = request.body as Buffer;
      const declared = blobTypeOf(request.headers['content-type']);
      if (sha256Of(bytes) !== sha256) {
        return reply.code(422).send(codedError('BLOB_HASH_MISMATCH'));
      }
      if (declared === null || sniffBlobType(bytes) !== declared) {
        return reply.code(415).send(codedError('BLOB_TYPE_UNSUPPORTED'));
      }
      const held = await storage.stat(sha256);
      const { created } = await storage.put(sha256, bytes, declared);
      // After the bytes are safely stored: an owner row never points at a missing blob.
      owners.add(sha256, request.auth.siteId, Date.now());
      if (created) request.log.info({ sha256, bytes: bytes.length }, 'blob stored');
      return reply.code(created ? 201 : 200).send({
        sha256,
        contentType: held?.contentType ?? declared,
        bytes: bytes.length,
        created,
      });
    },
  );

  app.head(route, { schema: headBlobSchema }, async (request, reply) => {
    const held = await statForSite(request);
    if (!held) return reply.code(404).send();
    return reply.code(200).header('content-type', held.contentType).send();
  });

  app.get(route, { schema: getBlobSchema, exposeHeadRoute: false }, async (request, reply) => {
    const { sha256 } = request.params as BlobParams;
    const blob = owners.owns(sha256, request.auth.siteId) ? await storage.get(sha256) : null;
    if (!blob) return reply.code(404).send(codedError('NOT_FOUND'));
    return reply
      .header('content-type', blob.contentType)
      .header('cache-control', IMMUTABLE)
      .header('etag', `"${blob.sha256}"`)
      .header('x-content-type-options', 'nosniff')
      .send(blob.data);
  });
}

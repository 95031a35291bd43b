import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_BASE, BLOB_LIMITS, codedError } from '../../src/schema/index.js';
import { blobTypeOf, sha256Of, sniffBlobType } from '../blobs/blob-bytes.js';
import type { BlobStorage } from '../blobs/blob-storage.js';
import { getBlobSchema, headBlobSchema, putBlobSchema } from '../blobs/blob-route-schemas.js';
import type { AuthService } from '../auth/auth-service.js';
import { requireCurrentProtocol } from './protocol-guard.js';
import { requireAuth } from './require-auth.js';

/**
 * Content-addressed blobs: PUT verifies the bytes against the SHA-256 in the
 * address before storing them; HEAD lets a tablet skip an upload; GET serves
 * them to tablets that did not take the photo. Same protocol header and
 * access token as sync. Any signed-in user of any site may read any blob
 * today: a hash is unguessable, but per-site ownership is still to come.
 */
export interface BlobRoutesOptions {
  storage: BlobStorage;
  auth: AuthService;
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

export async function blobRoutes(app: FastifyInstance, { storage, auth }: BlobRoutesOptions) {
  const route = `${API_BASE}/blobs/:sha256`;
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
      const { created } = held ? { created: false } : await storage.put(sha256, bytes, declared);
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
    const held = await storage.stat((request.params as BlobParams).sha256);
    if (!held) return reply.code(404).send();
    return reply.code(200).header('content-type', held.contentType).send();
  });

  app.get(route, { schema: getBlobSchema, exposeHeadRoute: false }, async (request, reply) => {
    const blob = await storage.get((request.params as BlobParams).sha256);
    if (!blob) return reply.code(404).send(codedError('NOT_FOUND'));
    return reply
      .header('content-type', blob.contentType)
      .header('cache-control', IMMUTABLE)
      .header('etag', `"${blob.sha256}"`)
      .header('x-content-type-options', 'nosniff')
      .send(blob.data);
  });
}

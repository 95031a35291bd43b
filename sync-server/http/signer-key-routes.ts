import type { Database } from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import {
  API_BASE,
  SIGNER_ALGORITHM,
  SIGNER_KEYS_PATH,
  SIGNER_PUBLIC_KEY_MAX_LENGTH,
  codedError,
  sha256Field,
  type SignerKeyRequest,
} from '../../src/schema/index.js';
import type { AuthService } from '../auth/auth-service.js';
import { BEARER_SECURITY } from '../auth/auth-route-schemas.js';
import { registerSignerKey } from '../auth/signer-keys.js';
import { codedErrorSchema } from './coded-errors.js';
import { requireAuth } from './require-auth.js';

/**
 * `POST /auth/signer-keys`: a tablet registers the public signing key it made
 * for the signed-in person. Who and which tablet come from the access token.
 */
export interface SignerKeyRoutesOptions {
  database: Database;
  auth: AuthService;
}

const keyResponse = {
  type: 'object',
  properties: { keyId: { type: 'string' }, createdAt: { type: 'integer' } },
  required: ['keyId', 'createdAt'],
} as const;

export const signerKeyRouteSchema = {
  summary: 'Register the signed-in person’s public signing key for this tablet',
  description:
    'ECDSA P-256 (ES256), SPKI DER in base64url; keyId is its SHA-256 in hex. 201 when new, 200 when this person and tablet already registered it (a retry), 409 SIGNER_KEY_DUPLICATE for the same key of anyone else, 403 SIGNER_KEY_REVOKED once revoked, 422 SIGNER_KEY_INVALID or SCHEMA_INVALID (unknown fields are refused).',
  tags: ['auth'],
  security: BEARER_SECURITY,
  body: {
    type: 'object',
    properties: {
      keyId: sha256Field,
      publicKey: {
        type: 'string',
        minLength: 1,
        maxLength: SIGNER_PUBLIC_KEY_MAX_LENGTH,
        pattern: '^[A-Za-z0-9_-]+$',
      },
      algorithm: { type: 'string', enum: [SIGNER_ALGORITHM] },
    },
    required: ['keyId', 'publicKey', 'algorithm'],
    additionalProperties: false,
  },
  response: {
    200: keyResponse,
    201: keyResponse,
    '4xx': { description: 'Refused: a coded error', ...codedErrorSchema },
  },
};

export async function signerKeyRoutes(app: FastifyInstance, options: SignerKeyRoutesOptions) {
  const { database, auth } = options;
  app.addHook('onRequest', requireAuth(auth));
  app.post(
    `${API_BASE}${SIGNER_KEYS_PATH}`,
    { schema: signerKeyRouteSchema },
    async (request, reply) => {
      const body = request.body as SignerKeyRequest;
      const outcome = await registerSignerKey(database, request.auth, body, auth.now());
      request.log.info(
        { keyId: body.keyId, ok: outcome.ok, ...(outcome.ok ? {} : { code: outcome.code }) },
        'signer key registration',
      );
      if (!outcome.ok) return reply.code(outcome.status).send(codedError(outcome.code));
      return reply.code(outcome.status).send(outcome.value);
    },
  );
}

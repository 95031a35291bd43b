import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { codedError, type Role } from '../../src/schema/index.js';
import type { AuthService, RequestAuth } from '../auth/auth-service.js';

/**
 * The access-token check in front of sync, blobs and user routes: refuses a
 * request without a valid token for an active user (401) and tells the route
 * who is asking (`request.auth`). Only routes whose config sets
 * `accessTokenInQuery` (the live stream: EventSource cannot send headers)
 * take the token from `?access_token=`.
 */
export type { RequestAuth };

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by requireAuth on every protected route; never read it on an open one. */
    auth: RequestAuth;
  }
  interface FastifyContextConfig {
    accessTokenInQuery?: boolean;
  }
}

export function decorateRequestAuth(app: FastifyInstance): void {
  app.decorateRequest('auth', null as unknown as RequestAuth);
}

function accessTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const bearer = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (bearer?.[1]) return bearer[1];
  if (!request.routeOptions.config.accessTokenInQuery) return undefined;
  const query = (request.query as Record<string, unknown> | undefined)?.access_token;
  return typeof query === 'string' && query.length > 0 ? query : undefined;
}

export function requireAuth(auth: AuthService): onRequestHookHandler {
  return async function checkAccessToken(request: FastifyRequest, reply: FastifyReply) {
    const token = accessTokenOf(request);
    const outcome = token === undefined ? undefined : auth.authenticate(token);
    if (!outcome?.ok) {
      const code = outcome?.code ?? 'AUTH_REQUIRED';
      request.log.info({ code }, 'request refused: not signed in');
      return reply.code(401).header('www-authenticate', 'Bearer').send(codedError(code));
    }
    request.auth = outcome.value;
    return undefined;
  };
}

/** Register after requireAuth: refuses everyone whose role is not `role` (403). */
export function requireRole(role: Role): onRequestHookHandler {
  return async function checkRole(request: FastifyRequest, reply: FastifyReply) {
    if (request.auth.role !== role) return reply.code(403).send(codedError('ROLE_FORBIDDEN'));
    return undefined;
  };
}

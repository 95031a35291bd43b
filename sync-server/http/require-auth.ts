import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import {
  STREAM_TICKET_PARAMETER,
  codedError,
  type ErrorCode,
  type Role,
} from '../../src/schema/index.js';
import type { AuthOutcome, AuthService, RequestAuth } from '../auth/auth-service.js';

/**
 * The sign-in check in front of sync, blobs and user routes: refuses a
 * request without a valid access token (`authorization: Bearer …`) for an
 * active user and tells the route who is asking (`request.auth`). Routes
 * whose config sets `streamTicket` (the live stream: EventSource cannot send
 * headers) take a single-use ticket from `?ticket=` instead; a token in an
 * address is never read, and refused there outright, so none ends up in logs.
 */
export type { RequestAuth };

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by requireAuth on every protected route; never read it on an open one. */
    auth: RequestAuth;
  }
  interface FastifyContextConfig {
    streamTicket?: boolean;
  }
}

export function decorateRequestAuth(app: FastifyInstance): void {
  app.decorateRequest('auth', null as unknown as RequestAuth);
}

type Outcome = AuthOutcome<RequestAuth>;

function refused(status: number, code: ErrorCode): Outcome {
  return { ok: false, status, code };
}

/** Everything after `Bearer `, as sent: whitespace or padding inside makes it an invalid token. */
function bearerTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const bearer = typeof header === 'string' ? /^Bearer +(.+)$/i.exec(header) : null;
  return bearer?.[1];
}

function bearerAuth(auth: AuthService, request: FastifyRequest): Outcome {
  const token = bearerTokenOf(request);
  return token === undefined ? refused(401, 'AUTH_REQUIRED') : auth.authenticate(token);
}

function streamTicketAuth(auth: AuthService, request: FastifyRequest): Outcome {
  const query = (request.query as Record<string, unknown> | undefined) ?? {};
  // Refused, not ignored: a client that sends it must learn, before its token spreads further.
  if (Object.hasOwn(query, 'access_token')) return refused(400, 'TOKEN_IN_URL');
  const ticket = query[STREAM_TICKET_PARAMETER];
  if (ticket === undefined) return refused(401, 'AUTH_REQUIRED');
  if (typeof ticket !== 'string') return refused(401, 'STREAM_TICKET_INVALID');
  return auth.redeemStreamTicket(ticket);
}

export function requireAuth(auth: AuthService): onRequestHookHandler {
  return async function checkSignIn(request: FastifyRequest, reply: FastifyReply) {
    const outcome = request.routeOptions.config.streamTicket
      ? streamTicketAuth(auth, request)
      : bearerAuth(auth, request);
    if (!outcome.ok) {
      const { status, code } = outcome;
      request.log.info({ code }, 'request refused: not signed in');
      if (status === 401) reply.header('www-authenticate', 'Bearer');
      return reply.code(status).send(codedError(code));
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

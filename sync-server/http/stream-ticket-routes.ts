import type { FastifyInstance } from 'fastify';
import { STREAM_TICKET_PATH } from '../../src/schema/index.js';
import type { AuthService } from '../auth/auth-service.js';
import { STREAM_TICKET_SECONDS } from '../auth/stream-tickets.js';
import { codedErrorSchema } from './coded-errors.js';
import { requireCurrentProtocol } from './protocol-guard.js';
import { requireAuth } from './require-auth.js';

/**
 * `POST /api/v1/sync/stream-ticket`: trades the access token (Bearer, in a
 * header) for a single-use ticket the live stream's address can carry, so
 * no token is ever part of a URL, a log line or a proxy's history.
 */
export interface StreamTicketRoutesOptions {
  auth: AuthService;
}

const streamTicketRouteSchema = {
  summary: 'A single-use ticket to open the live stream',
  description: `Send with the access token as a Bearer header. Open the stream with ?ticket= within ${STREAM_TICKET_SECONDS} s; the ticket works once, for this user and tablet, and is refused once they are deactivated or revoked.`,
  tags: ['sync'],
  response: {
    200: {
      type: 'object',
      properties: {
        ticket: { type: 'string' },
        expiresAt: { type: 'integer', description: 'Milliseconds since the epoch, server clock.' },
      },
      required: ['ticket', 'expiresAt'],
    },
    '4xx': { description: 'Refused: a coded error', ...codedErrorSchema },
  },
};

export async function streamTicketRoutes(
  app: FastifyInstance,
  { auth }: StreamTicketRoutesOptions,
) {
  // Like every sync route: an outdated tablet hears first that it must update.
  app.addHook('onRequest', requireCurrentProtocol);
  app.addHook('onRequest', requireAuth(auth));
  app.post(STREAM_TICKET_PATH, { schema: streamTicketRouteSchema }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return auth.issueStreamTicket(request.auth);
  });
}

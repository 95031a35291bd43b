import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION, codedError } from '../../src/schema/index.js';

/**
 * Refuses sync requests from tablets speaking an older protocol with 426, so
 * the tablet offers its update instead of syncing data it would misread.
 * Newer versions are let through: the tablet decides what it can talk to.
 */
function protocolOf(request: FastifyRequest): number | undefined {
  const header = request.headers[PROTOCOL_HEADER];
  const query = (request.query as Record<string, unknown> | undefined)?.protocol;
  const raw = typeof header === 'string' ? header : typeof query === 'string' ? query : undefined;
  if (raw === undefined || !/^\d+$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}

export async function requireCurrentProtocol(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  const protocol = protocolOf(request);
  if (protocol === undefined || protocol < SYNC_PROTOCOL_VERSION) {
    return reply.code(426).send(codedError('PROTOCOL_OUTDATED'));
  }
  return undefined;
}

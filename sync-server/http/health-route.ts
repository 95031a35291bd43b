import type { FastifyInstance } from 'fastify';
import { API_BASE, SYNC_PROTOCOL_VERSION } from '../../src/schema/index.js';

/** Liveness for load balancers and the tablet's "server reachable" check. */
export function registerHealthRoute(app: FastifyInstance, packageVersion: string): void {
  app.get(
    `${API_BASE}/health`,
    {
      schema: {
        summary: 'Server health',
        tags: ['health'],
        response: {
          200: {
            type: 'object',
            properties: {
              status: { type: 'string', enum: ['ok'] },
              version: { type: 'string' },
              protocol: { type: 'integer' },
              time: { type: 'string', format: 'date-time' },
            },
            required: ['status', 'version', 'protocol', 'time'],
          },
        },
      },
    },
    async () => ({
      status: 'ok' as const,
      version: packageVersion,
      protocol: SYNC_PROTOCOL_VERSION,
      time: new Date().toISOString(),
    }),
  );
}

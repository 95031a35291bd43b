import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { API_BASE, SYNC_PROTOCOL_VERSION } from '../../src/schema/index.js';

/**
 * The OpenAPI 3 document, generated from the route schemas (so it cannot
 * drift from what the server validates), plus Swagger UI to browse it.
 * Register before the routes it should describe.
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Service lane sync API',
        description: `RxDB replication over HTTP, sync protocol ${SYNC_PROTOCOL_VERSION}.`,
        version,
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: `${API_BASE}/docs` });
  app.get(`${API_BASE}/openapi.json`, { schema: { hide: true } }, async () => app.swagger());
}

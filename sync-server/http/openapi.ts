import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { API_BASE, STREAM_TICKET_PATH, SYNC_PROTOCOL_VERSION } from '../../src/schema/index.js';
import { STREAM_TICKET_SECONDS } from '../auth/stream-tickets.js';

/**
 * The OpenAPI 3 document, generated from the route schemas (so it cannot
 * drift from what the server validates), plus Swagger UI to browse it.
 * Register before the routes it should describe.
 */
const SIGNED_IN_PREFIXES = [`${API_BASE}/sync/`, `${API_BASE}/blobs/`];

const DESCRIPTION = `RxDB replication over HTTP, sync protocol ${SYNC_PROTOCOL_VERSION}.

Sign in with \`POST ${API_BASE}/auth/login\` (username, password, the tablet's device id). Every sync, blob and user request then carries the access token as \`authorization: Bearer <token>\`; the live stream, which a browser opens without headers, takes a single-use ticket from \`POST ${STREAM_TICKET_PATH}\` as \`?ticket=\` (valid for ${STREAM_TICKET_SECONDS} s, once); a token in an address is refused with TOKEN_IN_URL. Without one the answer is 401 AUTH_REQUIRED, with an expired one 401 TOKEN_EXPIRED; \`POST ${API_BASE}/auth/refresh\` trades the refresh token for new tokens. An outdated tablet gets 426 before any sign-in check.`;

/** Sync and blob routes are described elsewhere: their security is added here, by address. */
function withSecurity(
  schema: Record<string, unknown> | undefined,
  url: string,
  ticketInQuery: boolean,
): Record<string, unknown> | undefined {
  if (!schema || schema.security || !SIGNED_IN_PREFIXES.some((prefix) => url.startsWith(prefix))) {
    return schema;
  }
  return { ...schema, security: [ticketInQuery ? { streamTicket: [] } : { bearerAuth: [] }] };
}

export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Service lane sync API', description: DESCRIPTION, version },
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: `The accessToken of ${API_BASE}/auth/login or /auth/refresh.`,
          },
          streamTicket: {
            type: 'apiKey',
            in: 'query',
            name: 'ticket',
            description: `A single-use ticket from POST ${STREAM_TICKET_PATH}, for the live stream only.`,
          },
        },
      },
    },
    transform: ({ schema, url, route }) => ({
      schema: withSecurity(
        schema as Record<string, unknown> | undefined,
        url,
        Boolean(route.config?.streamTicket),
      ) as typeof schema,
      url,
    }),
  });
  await app.register(swaggerUi, { routePrefix: `${API_BASE}/docs` });
  app.get(`${API_BASE}/openapi.json`, { schema: { hide: true } }, async () => app.swagger());
}

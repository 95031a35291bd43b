import { STREAM_TICKET_PATH } from '../../src/schema/index.js';
import { codedErrorSchema } from '../http/coded-errors.js';
import { streamQuerySchema } from '../http/sync-route-schemas.js';

/**
 * The route schema of the one live stream carrying every collection. A
 * browser holds at most six HTTP/1.1 connections per server: a stream per
 * collection would take them all and leave pull and push waiting forever.
 */
export const allCollectionsStreamSchema = {
  summary: 'Live changes of every collection on one connection (server-sent events)',
  description: `What the app uses. First event is "RESYNC" (pull every collection); then one {collection, documents, checkpoint} event per committed push, only of the signed-in site; a ": ping" comment every 15 s. EventSource sends no headers, so the address carries a single-use ticket from POST ${STREAM_TICKET_PATH} as ?ticket= (an access token there is refused: TOKEN_IN_URL).`,
  tags: ['sync'],
  querystring: streamQuerySchema,
  response: {
    200: { description: 'text/event-stream', type: 'string' },
    '4xx': { description: 'Refused: a coded error', ...codedErrorSchema },
  },
};

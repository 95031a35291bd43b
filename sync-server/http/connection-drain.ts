import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/**
 * Makes app.close() prompt without cutting a request short: once closing,
 * a connection with no request in flight is ended at once (kept-alive ones,
 * and ones a client opened without sending anything yet, which Node's
 * server.close() would otherwise wait on) and a busy one right after its response.
 */
export function drainConnectionsOnClose(app: FastifyInstance): void {
  const requestsInFlight = new Map<Socket, number>();
  let closing = false;

  const endIfIdle = (socket: Socket) => {
    if (closing && requestsInFlight.get(socket) === 0) socket.end();
  };

  app.server.on('connection', (socket: Socket) => {
    requestsInFlight.set(socket, 0);
    socket.on('close', () => requestsInFlight.delete(socket));
  });
  app.server.on('request', ({ socket }, response) => {
    requestsInFlight.set(socket, (requestsInFlight.get(socket) ?? 0) + 1);
    response.on('close', () => {
      requestsInFlight.set(socket, Math.max(0, (requestsInFlight.get(socket) ?? 1) - 1));
      endIfIdle(socket);
    });
  });
  app.addHook('preClose', async () => {
    closing = true;
    for (const socket of requestsInFlight.keys()) endIfIdle(socket);
  });
}

import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  API_BASE,
  codedError,
  type EnrolRequest,
  type LoginRequest,
  type RefreshRequest,
} from '../../src/schema/index.js';
import type { AuthOutcome, AuthService } from '../auth/auth-service.js';
import {
  enrolRouteSchema,
  loginRouteSchema,
  refreshRouteSchema,
} from '../auth/auth-route-schemas.js';

/**
 * Sign-in over HTTP: enrolling a tablet, password sign-in and refresh, all
 * open (they are how a tablet gets its tokens). sync-server/auth/auth-service.ts decides; this file
 * only puts its answers on the wire.
 */
export interface AuthRoutesOptions {
  auth: AuthService;
}

function answer<T>(outcome: AuthOutcome<T>, reply: FastifyReply) {
  if (outcome.ok) return outcome.value;
  if (outcome.retryAfterSeconds !== undefined) {
    reply.header('retry-after', String(outcome.retryAfterSeconds));
  }
  return reply.code(outcome.status).send(codedError(outcome.code));
}

export async function authRoutes(app: FastifyInstance, { auth }: AuthRoutesOptions) {
  app.post(`${API_BASE}/auth/login`, { schema: loginRouteSchema }, async (request, reply) => {
    const outcome = await auth.login(request.body as LoginRequest, request.ip);
    request.log.info(
      { username: (request.body as LoginRequest).username, ok: outcome.ok },
      outcome.ok ? 'signed in' : 'sign-in refused',
    );
    return answer(outcome, reply);
  });

  app.post(`${API_BASE}/auth/enroll`, { schema: enrolRouteSchema }, async (request, reply) => {
    const body = request.body as EnrolRequest;
    const outcome = await auth.enrol(body, request.ip);
    if (!outcome.ok) {
      request.log.info({ username: body.username, code: outcome.code }, 'enrolment refused');
      return answer(outcome, reply);
    }
    request.log.info(
      { device: outcome.value.device.id, by: outcome.value.device.enrolledBy },
      'tablet enrolled',
    );
    return reply.code(201).send(outcome.value);
  });

  app.post(`${API_BASE}/auth/refresh`, { schema: refreshRouteSchema }, async (request, reply) =>
    answer(await auth.refresh(request.body as RefreshRequest), reply),
  );
}

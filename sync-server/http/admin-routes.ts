import type { Database } from 'better-sqlite3';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_BASE, codedError, type ErrorCode, type SiteDetails } from '../../src/schema/index.js';
import { recordSiteChanged, type AuditActor } from '../audit/admin-audit-events.js';
import type { AuthService } from '../auth/auth-service.js';
import { listSiteDevices, revokeDevice } from '../auth/devices.js';
import {
  adminChangeUserRouteSchema,
  adminListDevicesRouteSchema,
  adminRevokeDeviceRouteSchema,
  adminChangeSiteRouteSchema,
  adminCreateUserRouteSchema,
  adminListUsersRouteSchema,
  siteDetailsRouteSchema,
  siteUsersRouteSchema,
} from '../auth/auth-route-schemas.js';
import { addSiteUser, changeSiteUser, type UserAdminOutcome } from '../auth/user-admin.js';
import type { NewUserInput, UserChangesInput } from '../auth/user-rules.js';
import { listSiteUsers, readSiteDetails, writeSiteDetails } from '../database/sqlite-directory.js';
import type { EventStreams } from '../live/event-streams.js';
import { requireAuth, requireRole } from './require-auth.js';

/**
 * A site's people and tablets: the roster every signed-in user reads, and the
 * admin's management of both. Always the site of the caller's token, never another.
 */
export interface AdminRoutesOptions {
  database: Database;
  auth: AuthService;
  streams: EventStreams;
}

const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  USERNAME_TAKEN: 409,
  LAST_ADMIN: 409,
  USER_NOT_FOUND: 404,
};

function answer(outcome: UserAdminOutcome, reply: FastifyReply, successStatus: number) {
  if (outcome.ok) return reply.code(successStatus).send(outcome.user);
  const { code, field } = outcome.violation;
  return reply.code(STATUS_OF[code] ?? 422).send(codedError(code, field));
}

/** Who the audit log names for a change made here: the admin, on their tablet. */
const actorOf = (request: FastifyRequest): AuditActor => ({
  username: request.auth.username,
  deviceId: request.auth.deviceId,
});

export async function adminRoutes(app: FastifyInstance, options: AdminRoutesOptions) {
  const { database, auth, streams } = options;
  app.addHook('onRequest', requireAuth(auth));
  const adminOnly = { onRequest: requireRole('admin') };
  const users = `${API_BASE}/admin/users`;

  app.get(`${API_BASE}/site/users`, { schema: siteUsersRouteSchema }, async (request) =>
    listSiteUsers(database, request.auth.siteId),
  );

  app.get(`${API_BASE}/site`, { schema: siteDetailsRouteSchema }, async (request, reply) => {
    const site = readSiteDetails(database, request.auth.siteId);
    return site ?? reply.code(404).send(codedError('SITE_NOT_FOUND'));
  });

  app.put(
    `${API_BASE}/admin/site`,
    { ...adminOnly, schema: adminChangeSiteRouteSchema },
    async (request, reply) => {
      const { name, address, phone } = request.body as Omit<SiteDetails, 'id'>;
      // The change and its audit entry commit together, or neither does.
      const after = database
        .transaction(() => {
          const before = readSiteDetails(database, request.auth.siteId);
          if (!before) return undefined;
          const changed = { id: before.id, name: name.trim(), address: address.trim(), phone };
          writeSiteDetails(database, changed);
          recordSiteChanged(database, actorOf(request), { before, after: changed });
          return changed;
        })
        .immediate();
      return after ?? reply.code(404).send(codedError('SITE_NOT_FOUND'));
    },
  );

  app.get(users, { ...adminOnly, schema: adminListUsersRouteSchema }, async (request) =>
    listSiteUsers(database, request.auth.siteId),
  );

  app.post(users, { ...adminOnly, schema: adminCreateUserRouteSchema }, async (request, reply) => {
    const outcome = await addSiteUser(
      database,
      request.auth.siteId,
      request.body as NewUserInput,
      actorOf(request),
    );
    if (outcome.ok) request.log.info({ added: outcome.user.username }, 'user added');
    return answer(outcome, reply, 201);
  });

  app.patch(
    `${users}/:username`,
    { ...adminOnly, schema: adminChangeUserRouteSchema },
    async (request, reply) => {
      const { username } = request.params as { username: string };
      const changes = request.body as UserChangesInput;
      const outcome = await changeSiteUser(
        database,
        request.auth.siteId,
        username,
        changes,
        auth.now(),
        actorOf(request),
      );
      if (outcome.ok) {
        request.log.info({ changed: username, fields: Object.keys(changes) }, 'user changed');
        // An open live stream was checked once, when it opened: end it now.
        if (!outcome.user.active) streams.closeUser(outcome.user.id);
      }
      return answer(outcome, reply, 200);
    },
  );

  const devices = `${API_BASE}/admin/devices`;
  app.get(devices, { ...adminOnly, schema: adminListDevicesRouteSchema }, async (request) =>
    listSiteDevices(database, request.auth.siteId),
  );

  app.post(
    `${devices}/:deviceId/revoke`,
    { ...adminOnly, schema: adminRevokeDeviceRouteSchema },
    async (request, reply) => {
      const { deviceId } = request.params as { deviceId: string };
      const change = {
        siteId: request.auth.siteId,
        deviceId,
        revokedBy: request.auth.username,
        actor: actorOf(request),
      };
      const device = revokeDevice(database, change, auth.now());
      if (!device) return reply.code(404).send(codedError('DEVICE_NOT_FOUND'));
      request.log.info({ revoked: deviceId }, 'tablet revoked');
      // An open live stream was checked once, when it opened: end it now.
      streams.closeDevice(deviceId);
      return device;
    },
  );
}

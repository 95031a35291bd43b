import { Readable } from 'node:stream';
import type { Database } from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { API_BASE } from '../../src/schema/index.js';
import { auditChainSourcesOf, verifyAuditChain } from '../audit/audit-chain.js';
import { auditCsvChunks } from '../audit/audit-csv.js';
import {
  auditExportRouteSchema,
  auditLastSealRouteSchema,
  auditPageRouteSchema,
  auditSealNowRouteSchema,
  auditVerifyRouteSchema,
} from '../audit/audit-route-schemas.js';
import type { AuditPageQuery } from '../audit/sqlite-audit-log.js';
import type { AuthService } from '../auth/auth-service.js';
import { requireAuth, requireRole } from './require-auth.js';

/**
 * The site admin's view of the audit log: entries, a CSV export, the chain
 * check and the seals. Always the site of the caller's token, never another.
 */
export interface AuditRoutesOptions {
  database: Database;
  auth: AuthService;
}

export async function auditRoutes(app: FastifyInstance, options: AuditRoutesOptions) {
  const sources = auditChainSourcesOf(options.database);
  const { reader, sealer } = sources;
  app.addHook('onRequest', requireAuth(options.auth));
  app.addHook('onRequest', requireRole('admin'));
  const audit = `${API_BASE}/admin/audit`;

  app.get(audit, { schema: auditPageRouteSchema }, async (request) => ({
    entries: reader.page(request.auth.siteId, request.query as AuditPageQuery),
  }));

  app.get(`${audit}/export`, { schema: auditExportRouteSchema }, async (request, reply) => {
    const day = new Date().toISOString().slice(0, 10);
    request.log.info({ siteId: request.auth.siteId }, 'audit log exported');
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-log-${day}.csv"`)
      .send(Readable.from(auditCsvChunks(reader, request.auth.siteId)));
  });

  app.get(`${audit}/verify`, { schema: auditVerifyRouteSchema }, async (request) => {
    const verdict = await verifyAuditChain(sources, request.auth.siteId);
    if (!verdict.ok) request.log.warn({ ...verdict }, 'audit chain broken');
    return verdict;
  });

  app.get(`${audit}/seal`, { schema: auditLastSealRouteSchema }, async (request) => ({
    seal: sealer.lastSeal(request.auth.siteId)?.seal ?? null,
  }));

  app.post(`${audit}/seal`, { schema: auditSealNowRouteSchema }, async (request, reply) => {
    const seal = sealer.seal(request.auth.siteId);
    request.log.info({ siteId: seal.siteId, lastSeq: seal.lastSeq }, 'audit log sealed');
    return reply.code(201).send({ seal });
  });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Security headers on every response, app and API alike, set when the request
 * arrives so that refusals, 404s and the hijacked live streams carry them too.
 * Register before any plugin: Fastify hooks reach only contexts made after them.
 */

/**
 * The tablet app loads nothing from elsewhere. Mantine writes <style> tags and
 * style attributes at run time, hence 'unsafe-inline' for styles only; photos
 * and signatures are shown from blob: URLs, icons as data: URLs. Swagger UI at
 * /api/v1/docs loads only same-origin scripts, so it lives under the same policy.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // No eval: the tablet's validators are compiled at build time (src/db/validated-storage.ts).
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** The camera stays allowed for the photo capture of the walk-around. */
export const PERMISSIONS_POLICY = 'camera=(self), geolocation=(), microphone=()';

const HSTS = 'max-age=31536000; includeSubDomains';

const ALWAYS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'permissions-policy': PERMISSIONS_POLICY,
  'cross-origin-opener-policy': 'same-origin',
};

/** HSTS over plain HTTP is ignored by browsers and would pin a LAN test box to HTTPS. */
function cameOverHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    // On the raw response: a hijacked reply (the live stream) skips Fastify's own headers.
    for (const [name, value] of Object.entries(ALWAYS)) reply.raw.setHeader(name, value);
    if (cameOverHttps(request)) reply.raw.setHeader('strict-transport-security', HSTS);
  });
}

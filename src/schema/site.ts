import { PHONE_PATTERN } from './readings.js';

/**
 * A dealer site as its customers see it: the name, address and phone printed
 * on every customer copy. Every signed-in person reads it (GET /api/v1/site);
 * the site admin changes it (PUT /api/v1/admin/site). The tablet keeps the
 * last copy it read, so a copy made offline carries it too.
 */
export interface SiteDetails {
  id: string;
  name: string;
  address: string;
  phone: string;
}

export const SITE_DETAIL_LIMITS = { name: 100, address: 200, phone: 30 } as const;

/** The body of PUT /api/v1/admin/site. */
export const siteDetailsChangeSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: SITE_DETAIL_LIMITS.name, pattern: '\\S' },
    address: { type: 'string', maxLength: SITE_DETAIL_LIMITS.address },
    phone: { type: 'string', maxLength: SITE_DETAIL_LIMITS.phone, pattern: PHONE_PATTERN },
  },
  required: ['name', 'address', 'phone'],
  additionalProperties: false,
} as const;

export const siteDetailsSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    address: { type: 'string' },
    phone: { type: 'string' },
  },
  required: ['id', 'name', 'address', 'phone'],
  additionalProperties: false,
} as const;

import {
  AUTH_LIMITS,
  DEVICE_NAME_MAX_LENGTH,
  PIN_PATTERN,
  ROLES,
  siteDetailsChangeSchema,
  siteDetailsSchema,
} from '../../src/schema/index.js';
import { codedErrorSchema } from '../http/coded-errors.js';
import { DISPLAY_NAME_MAX_LENGTH } from './user-rules.js';

/**
 * Route schemas of sign-in and user administration: validation of the
 * bodies' shape and the OpenAPI description. Field rules (username format,
 * password length, PIN) are checked by user-rules.ts so they answer with
 * their own codes, and are only described here.
 */
export const BEARER_SECURITY = [{ bearerAuth: [] }];

const errors = {
  '4xx': { description: 'Refused: a coded error', ...codedErrorSchema },
  '5xx': { description: 'Server error: a coded error', ...codedErrorSchema },
};

export const siteUserSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    siteId: { type: 'string' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    role: { type: 'string', enum: [...ROLES] },
    active: { type: 'boolean' },
  },
  required: ['id', 'siteId', 'username', 'displayName', 'role', 'active'],
  additionalProperties: false,
} as const;

const siteUserList = { type: 'array', items: siteUserSchema } as const;

const deviceId = {
  type: 'string',
  minLength: 1,
  maxLength: 128,
  description:
    'The id the tablet got when a site admin enrolled it; the refresh token is bound to it.',
} as const;

const deviceToken = {
  type: 'string',
  minLength: 1,
  maxLength: 256,
  description: 'The secret the tablet got when it was enrolled (`POST /auth/enroll`).',
} as const;

export const enrolledDeviceSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    siteId: { type: 'string' },
    name: { type: 'string' },
    enrolledBy: { type: 'string', description: 'Username of the admin who enrolled it.' },
    enrolledAt: { type: 'integer', description: 'Milliseconds since the epoch.' },
    lastSeenAt: { type: ['integer', 'null'], description: 'Last sign-in or refresh from it.' },
    revokedAt: { type: ['integer', 'null'] },
    revokedBy: { type: ['string', 'null'] },
  },
  required: [
    'id',
    'siteId',
    'name',
    'enrolledBy',
    'enrolledAt',
    'lastSeenAt',
    'revokedAt',
    'revokedBy',
  ],
  additionalProperties: false,
} as const;

export const enrolRouteSchema = {
  summary: 'Enrol this tablet with a site admin’s password',
  description: `The one way a tablet gets a device id and token; every sign-in and refresh then sends both. 403 ENROL_ADMIN_ONLY for anyone but a site admin; 422 DEVICE_NAME_FORMAT; otherwise the answers of sign-in (401 LOGIN_FAILED, 429 LOGIN_RATE_LIMITED …). The token is shown only here: the server keeps its SHA-256.`,
  tags: ['auth'],
  body: {
    type: 'object',
    properties: {
      username: { type: 'string', minLength: 1, maxLength: 64 },
      password: { type: 'string', minLength: 1, maxLength: AUTH_LIMITS.passwordMaxLength },
      deviceName: { type: 'string', maxLength: DEVICE_NAME_MAX_LENGTH * 4 },
      siteId: { type: 'string', minLength: 1, maxLength: 64 },
    },
    required: ['username', 'password', 'deviceName'],
    additionalProperties: false,
  },
  response: {
    201: {
      type: 'object',
      properties: { device: enrolledDeviceSchema, deviceToken: { type: 'string' } },
      required: ['device', 'deviceToken'],
    },
    ...errors,
  },
};

const sessionSchema = {
  type: 'object',
  properties: {
    user: siteUserSchema,
    accessToken: { type: 'string', description: 'Send as `authorization: Bearer …`.' },
    accessExpiresAt: { type: 'integer', description: 'Milliseconds since the epoch.' },
    refreshToken: { type: 'string', description: 'Single use, bound to the device.' },
    pinHash: {
      type: 'string',
      description: 'scrypt hash of the PIN (`scrypt$N$r$p$salt$hash`), for offline PIN switching.',
    },
  },
  required: ['user', 'accessToken', 'accessExpiresAt', 'refreshToken', 'pinHash'],
} as const;

export const loginRouteSchema = {
  summary: 'Sign in with username and password',
  description: `Only on an enrolled tablet: 401 DEVICE_NOT_ENROLLED when device id and token do not match, 403 DEVICE_REVOKED once an admin revoked it. The tablet's site decides which user a username means (a siteId, if given, must be that site). Answers 401 LOGIN_FAILED for an unknown user, a user of another site and a wrong password alike, 403 USER_INACTIVE, and 429 LOGIN_RATE_LIMITED (with retry-after) after ${AUTH_LIMITS.loginAttemptsPerWindow} failures per username or address in ${AUTH_LIMITS.loginWindowSeconds / 60} minutes.`,
  tags: ['auth'],
  body: {
    type: 'object',
    properties: {
      username: { type: 'string', minLength: 1, maxLength: 64 },
      password: { type: 'string', minLength: 1, maxLength: AUTH_LIMITS.passwordMaxLength },
      deviceId,
      deviceToken,
      siteId: { type: 'string', minLength: 1, maxLength: 64 },
    },
    required: ['username', 'password', 'deviceId', 'deviceToken'],
    additionalProperties: false,
  },
  response: { 200: sessionSchema, ...errors },
};

export const refreshRouteSchema = {
  summary: 'Trade a refresh token for a new access token and a new refresh token',
  description:
    'The refresh token is used up (a second use answers 401 TOKEN_INVALID) and must come from the device it was issued to, with that device’s token. 401 TOKEN_EXPIRED after its lifetime, 403 USER_INACTIVE once the user is deactivated, 403 DEVICE_REVOKED once the tablet is revoked.',
  tags: ['auth'],
  body: {
    type: 'object',
    properties: {
      refreshToken: { type: 'string', minLength: 1, maxLength: 256 },
      deviceId,
      deviceToken,
    },
    required: ['refreshToken', 'deviceId', 'deviceToken'],
    additionalProperties: false,
  },
  response: { 200: sessionSchema, ...errors },
};

export const siteUsersRouteSchema = {
  summary: "The people of the signed-in user's site",
  description:
    'For names and dispatch on the tablet. Inactive users are listed (old records name them).',
  tags: ['users'],
  security: BEARER_SECURITY,
  response: { 200: siteUserList, ...errors },
};

export const adminListUsersRouteSchema = {
  summary: "List the site's users (admin)",
  tags: ['admin'],
  security: BEARER_SECURITY,
  response: { 200: siteUserList, ...errors },
};

const userFields = {
  displayName: { type: 'string', description: `1–${DISPLAY_NAME_MAX_LENGTH} characters.` },
  role: { type: 'string', enum: [...ROLES] },
  password: {
    type: 'string',
    description: `At least ${AUTH_LIMITS.passwordMinLength} characters (422 PASSWORD_TOO_SHORT).`,
  },
  pin: { type: 'string', description: `Matches ${PIN_PATTERN} (422 PIN_FORMAT).` },
} as const;

export const adminCreateUserRouteSchema = {
  summary: 'Add a user to the site (admin)',
  description: '409 USERNAME_TAKEN; 422 USERNAME_FORMAT, PASSWORD_TOO_SHORT or PIN_FORMAT.',
  tags: ['admin'],
  security: BEARER_SECURITY,
  body: {
    type: 'object',
    properties: {
      username: {
        type: 'string',
        description: `Matches ${AUTH_LIMITS.usernamePattern} (422 USERNAME_FORMAT).`,
      },
      ...userFields,
    },
    required: ['username', 'displayName', 'role', 'password', 'pin'],
    additionalProperties: false,
  },
  response: { 201: siteUserSchema, ...errors },
};

export const adminChangeUserRouteSchema = {
  summary: 'Change, deactivate or reactivate a user, or reset their password or PIN (admin)',
  description:
    '404 USER_NOT_FOUND; 409 LAST_ADMIN when the change would leave the site without an active admin. Deactivating or setting a new password ends the user’s sign-ins on every tablet.',
  tags: ['admin'],
  security: BEARER_SECURITY,
  params: {
    type: 'object',
    properties: { username: { type: 'string' } },
    required: ['username'],
  },
  body: {
    type: 'object',
    properties: { ...userFields, active: { type: 'boolean' } },
    minProperties: 1,
    additionalProperties: false,
  },
  response: { 200: siteUserSchema, ...errors },
};

export const adminListDevicesRouteSchema = {
  summary: "List the site's enrolled tablets (admin)",
  description: 'Newest first; revoked tablets stay listed with who revoked them and when.',
  tags: ['admin'],
  security: BEARER_SECURITY,
  response: { 200: { type: 'array', items: enrolledDeviceSchema }, ...errors },
};

export const adminRevokeDeviceRouteSchema = {
  summary: 'Revoke an enrolled tablet (admin)',
  description:
    'Its next request, sign-in or refresh is refused with DEVICE_REVOKED and its live streams end; the records it has not synced stay on it until an admin enrols it again. 404 DEVICE_NOT_FOUND for a tablet of another site. Revoking twice keeps the first revocation.',
  tags: ['admin'],
  security: BEARER_SECURITY,
  params: {
    type: 'object',
    properties: { deviceId: { type: 'string', minLength: 1, maxLength: 128 } },
    required: ['deviceId'],
  },
  response: { 200: enrolledDeviceSchema, ...errors },
};

export const siteDetailsRouteSchema = {
  summary: "The signed-in user's dealer site: name, address and phone",
  description: 'Printed on the customer copies; the tablet keeps the last copy for offline use.',
  tags: ['users'],
  security: BEARER_SECURITY,
  response: { 200: siteDetailsSchema, ...errors },
};

export const adminChangeSiteRouteSchema = {
  summary: "Change the site's name, address and phone (admin)",
  description:
    'All three are sent. 422 SCHEMA_INVALID for an empty name, a field over its length or a phone with letters. Audited as site-changed with the fields that differ.',
  tags: ['admin'],
  security: BEARER_SECURITY,
  body: siteDetailsChangeSchema,
  response: { 200: siteDetailsSchema, ...errors },
};

import { AUTH_LIMITS, PIN_PATTERN, ROLES } from '../../src/schema/index.js';
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
  description: 'Random id the tablet made for itself; the refresh token is bound to it.',
} as const;

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
  description: `Answers 401 LOGIN_FAILED for an unknown user and a wrong password alike, 403 USER_INACTIVE, 400 LOGIN_SITE_REQUIRED when the username exists at several sites and no siteId was given, and 429 LOGIN_RATE_LIMITED (with retry-after) after ${AUTH_LIMITS.loginAttemptsPerWindow} failures per username or address in ${AUTH_LIMITS.loginWindowSeconds / 60} minutes.`,
  tags: ['auth'],
  body: {
    type: 'object',
    properties: {
      username: { type: 'string', minLength: 1, maxLength: 64 },
      password: { type: 'string', minLength: 1, maxLength: AUTH_LIMITS.passwordMaxLength },
      deviceId,
      siteId: { type: 'string', minLength: 1, maxLength: 64 },
    },
    required: ['username', 'password', 'deviceId'],
    additionalProperties: false,
  },
  response: { 200: sessionSchema, ...errors },
};

export const refreshRouteSchema = {
  summary: 'Trade a refresh token for a new access token and a new refresh token',
  description:
    'The refresh token is used up (a second use answers 401 TOKEN_INVALID) and must come from the device it was issued to. 401 TOKEN_EXPIRED after its lifetime, 403 USER_INACTIVE once the user is deactivated.',
  tags: ['auth'],
  body: {
    type: 'object',
    properties: { refreshToken: { type: 'string', minLength: 1, maxLength: 256 }, deviceId },
    required: ['refreshToken', 'deviceId'],
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

import {
  AUTH_LIMITS,
  ROLES,
  isValidPin,
  type ErrorCode,
  type Role,
} from '../../src/schema/index.js';

/**
 * What a user's fields must look like, checked once here for the admin API
 * and the admin command alike, each failure named by a stable code.
 */
export const DISPLAY_NAME_MAX_LENGTH = 80;

export interface NewUserInput {
  username: string;
  displayName: string;
  /** Text, not yet a Role: the command line passes whatever was typed. */
  role: string;
  password: string;
  pin: string;
}

export interface UserChangesInput {
  displayName?: string;
  role?: string;
  active?: boolean;
  password?: string;
  pin?: string;
}

export interface UserRuleViolation {
  code: ErrorCode;
  /** JSON pointer of the offending field, e.g. `/password`. */
  field: string;
}

const USERNAME = new RegExp(AUTH_LIMITS.usernamePattern);

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

function violation(code: ErrorCode, field: string): UserRuleViolation {
  return { code, field };
}

function checkPassword(password: string): UserRuleViolation | null {
  if (password.length < AUTH_LIMITS.passwordMinLength) {
    return violation('PASSWORD_TOO_SHORT', '/password');
  }
  if (password.length > AUTH_LIMITS.passwordMaxLength) {
    return violation('SCHEMA_INVALID', '/password');
  }
  return null;
}

function checkDisplayName(displayName: string): UserRuleViolation | null {
  const trimmed = displayName.trim();
  return trimmed.length === 0 || trimmed.length > DISPLAY_NAME_MAX_LENGTH
    ? violation('SCHEMA_INVALID', '/displayName')
    : null;
}

/** The first rule a change breaks, or null; fields left out are not checked. */
export function checkUserChanges(changes: UserChangesInput): UserRuleViolation | null {
  if (changes.displayName !== undefined) {
    const problem = checkDisplayName(changes.displayName);
    if (problem) return problem;
  }
  if (changes.role !== undefined && !isRole(changes.role)) {
    return violation('SCHEMA_INVALID', '/role');
  }
  if (changes.password !== undefined) {
    const problem = checkPassword(changes.password);
    if (problem) return problem;
  }
  if (changes.pin !== undefined && !isValidPin(changes.pin)) return violation('PIN_FORMAT', '/pin');
  return null;
}

export function checkNewUser(input: NewUserInput): UserRuleViolation | null {
  if (!USERNAME.test(input.username)) return violation('USERNAME_FORMAT', '/username');
  return checkUserChanges(input);
}

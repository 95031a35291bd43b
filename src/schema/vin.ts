import type { ErrorCode } from './errors.js';

/**
 * VIN rules (ISO 3779): 17 characters, digits and capital letters without
 * I, O, Q. Position 9 is a check digit that North-American VINs (first
 * character 1–5) must satisfy; elsewhere it is only a hint, so a mismatch
 * there is a warning, not an error.
 */
export const VIN_LENGTH = 17;
export const VIN_ALLOWED = /^[A-HJ-NPR-Z0-9]*$/;

// prettier-ignore
const TRANSLITERATION: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8,
  J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

export interface VinCheck {
  errors: ErrorCode[];
  warnings: ErrorCode[];
}

export function normaliseVin(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export function expectedCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < VIN_LENGTH; i++) {
    const char = vin.charAt(i);
    const value = /\d/.test(char) ? Number(char) : (TRANSLITERATION[char] ?? 0);
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

export function isNorthAmericanVin(vin: string): boolean {
  return /^[1-5]/.test(vin);
}

export function checkVin(vin: string): VinCheck {
  if (!VIN_ALLOWED.test(vin)) return { errors: ['VIN_CHARACTERS'], warnings: [] };
  if (vin.length !== VIN_LENGTH) return { errors: ['VIN_LENGTH'], warnings: [] };
  if (vin.charAt(8) === expectedCheckDigit(vin)) return { errors: [], warnings: [] };
  return isNorthAmericanVin(vin)
    ? { errors: ['VIN_CHECK_DIGIT'], warnings: [] }
    : { errors: [], warnings: ['VIN_CHECK_DIGIT_UNVERIFIED'] };
}

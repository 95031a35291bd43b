import type { ErrorCode } from './errors.js';

/** Odometer in whole km; the limit is a sanity bound, not a vehicle fact. */
export const ODOMETER_MAX_KM = 1_999_999;
/** Fuel gauge in eighths: 0 = E, 8 = F. */
export const FUEL_EIGHTHS_MAX = 8;

export function checkOdometer(km: number): ErrorCode | null {
  return Number.isInteger(km) && km >= 0 && km <= ODOMETER_MAX_KM ? null : 'ODOMETER_RANGE';
}

export function checkFuelEighths(eighths: number): ErrorCode | null {
  return Number.isInteger(eighths) && eighths >= 0 && eighths <= FUEL_EIGHTHS_MAX
    ? null
    : 'FUEL_RANGE';
}

export const PHONE_PATTERN = '^[0-9+()\\- ]*$';

export function checkPhone(phone: string): ErrorCode | null {
  return new RegExp(PHONE_PATTERN).test(phone) ? null : 'PHONE_FORMAT';
}

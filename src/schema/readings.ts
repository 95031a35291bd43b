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

/** A jump this large since the last visit is more likely a typo than driving: ask to confirm. */
export const ODOMETER_JUMP_KM = 100_000;

/**
 * The odometer against the last reading known for the vehicle. A lower value
 * (cluster replaced, typo) needs a reason; a huge jump needs a confirmation.
 */
export function checkOdometerAgainstLast(
  km: number,
  lastKm: number | undefined,
): 'ODOMETER_DECREASED' | 'ODOMETER_JUMP' | null {
  if (lastKm === undefined) return null;
  if (km < lastKm) return 'ODOMETER_DECREASED';
  if (km - lastKm > ODOMETER_JUMP_KM) return 'ODOMETER_JUMP';
  return null;
}

/** Back within this many days of the last visit: flagged as a repeat repair (是否重复维修). */
export const REPEAT_REPAIR_DAYS = 30;

export function isRepeatRepair(lastVisitAt: number | undefined, now: number): boolean {
  return lastVisitAt !== undefined && now - lastVisitAt <= REPEAT_REPAIR_DAYS * 24 * 60 * 60 * 1000;
}

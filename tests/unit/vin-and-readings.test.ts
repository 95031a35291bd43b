import { describe, expect, it } from 'vitest';
import {
  checkFuelEighths,
  checkOdometer,
  checkOdometerAgainstLast,
  checkPhone,
  checkVin,
  expectedCheckDigit,
  isRepeatRepair,
  normaliseVin,
} from '../../src/schema/index.js';

describe('VIN rules', () => {
  it('accepts a North-American VIN whose check digit matches', () => {
    expect(checkVin('1M8GDM9AXKP042788')).toEqual({ errors: [], warnings: [] });
    expect(expectedCheckDigit('1M8GDM9AXKP042788')).toBe('X');
  });

  it('refuses a North-American VIN with a wrong check digit', () => {
    expect(checkVin('1M8GDM9A1KP042788').errors).toEqual(['VIN_CHECK_DIGIT']);
  });

  it('only warns when a VIN from elsewhere has a check digit that does not match', () => {
    const chinese = 'LFV2A21K0E3000001';
    const expected = expectedCheckDigit(chinese);
    const wrong = chinese.slice(0, 8) + (expected === '1' ? '2' : '1') + chinese.slice(9);
    expect(checkVin(wrong)).toEqual({ errors: [], warnings: ['VIN_CHECK_DIGIT_UNVERIFIED'] });
    const right = chinese.slice(0, 8) + expected + chinese.slice(9);
    expect(checkVin(right)).toEqual({ errors: [], warnings: [] });
  });

  it('refuses I, O and Q, lower-case letters and a wrong length', () => {
    expect(checkVin('1M8GDM9AXKP04278O').errors).toEqual(['VIN_CHARACTERS']);
    expect(checkVin('1M8GDM9AXKP04278Q').errors).toEqual(['VIN_CHARACTERS']);
    expect(checkVin('1m8gdm9axkp042788').errors).toEqual(['VIN_CHARACTERS']);
    expect(checkVin('1M8GDM9AXKP04278').errors).toEqual(['VIN_LENGTH']);
    expect(checkVin('1M8GDM9AXKP0427881').errors).toEqual(['VIN_LENGTH']);
  });

  it('normalises what an advisor types: spaces removed, capitals', () => {
    expect(normaliseVin(' 1m8g dm9a xkp042788 ')).toBe('1M8GDM9AXKP042788');
  });
});

describe('readings', () => {
  it('takes whole kilometres from 0 to 1,999,999', () => {
    expect(checkOdometer(0)).toBeNull();
    expect(checkOdometer(1_999_999)).toBeNull();
    expect(checkOdometer(2_000_000)).toBe('ODOMETER_RANGE');
    expect(checkOdometer(-1)).toBe('ODOMETER_RANGE');
    expect(checkOdometer(12.5)).toBe('ODOMETER_RANGE');
    expect(checkOdometer(Number.NaN)).toBe('ODOMETER_RANGE');
  });

  it('takes fuel in eighths from empty to full', () => {
    expect(checkFuelEighths(0)).toBeNull();
    expect(checkFuelEighths(8)).toBeNull();
    expect(checkFuelEighths(9)).toBe('FUEL_RANGE');
    expect(checkFuelEighths(-1)).toBe('FUEL_RANGE');
    expect(checkFuelEighths(4.5)).toBe('FUEL_RANGE');
  });

  it('takes phone numbers as digits with + - ( ) and spaces', () => {
    expect(checkPhone('+86 138-0013-8000')).toBeNull();
    expect(checkPhone('(010) 6552 9988')).toBeNull();
    expect(checkPhone('138abc')).toBe('PHONE_FORMAT');
  });
});

describe('readings against the vehicle history', () => {
  it('needs a reason for a reading below the last one, and a confirmation for a jump over 100,000 km', () => {
    expect(checkOdometerAgainstLast(48_000, undefined)).toBeNull();
    expect(checkOdometerAgainstLast(48_210, 48_210)).toBeNull();
    expect(checkOdometerAgainstLast(40_000, 48_210)).toBe('ODOMETER_DECREASED');
    expect(checkOdometerAgainstLast(148_210, 48_210)).toBeNull();
    expect(checkOdometerAgainstLast(148_211, 48_210)).toBe('ODOMETER_JUMP');
  });

  it('flags a repeat repair when the car is back within 30 days', () => {
    const day = 24 * 60 * 60 * 1000;
    const now = Date.UTC(2026, 10, 25);
    expect(isRepeatRepair(undefined, now)).toBe(false);
    expect(isRepeatRepair(now - 30 * day, now)).toBe(true);
    expect(isRepeatRepair(now - 30 * day - 1, now)).toBe(false);
  });
});

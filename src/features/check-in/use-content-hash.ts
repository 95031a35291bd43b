import { useEffect, useState } from 'react';
import {
  checkInContentHash,
  type CheckInSheet,
  type DamageMark,
  type RepairOrder,
} from '../../schema/index.js';

/** The SHA-256 of what the customer's check-in signature covers, recomputed whenever any of it changes. */
export function useCheckInContentHash(
  order: RepairOrder,
  sheet: CheckInSheet,
  marks: DamageMark[],
): string | null {
  const [hash, setHash] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void checkInContentHash({ order, sheet, marks }).then(
      (computed) => current && setHash(computed),
    );
    return () => {
      current = false;
    };
  }, [order, sheet, marks]);
  return hash;
}

import type { CheckInSheet, RepairOrder } from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import type { Author } from '../../db/record-writes.js';
import type { RepairOrderChange } from '../orders/index.js';
import type { VehicleHistory } from './data.js';

/** What every walkaround step gets: the records, the history, and how to save a change. */
export interface StepProps {
  database: LaneDatabase;
  author: Author;
  order: RepairOrder;
  sheet: CheckInSheet;
  history: VehicleHistory;
  saveOrder: (change: RepairOrderChange) => Promise<unknown>;
  saveSheet: (modify: (sheet: CheckInSheet) => CheckInSheet) => Promise<unknown>;
  showError: (error: unknown) => void;
}

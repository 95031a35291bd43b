/** The orders feature's public API: what other features may use. */
export {
  createRepairOrder,
  editRepairOrder,
  useRepairOrder,
  type RepairOrderChange,
  type RepairOrderEdit,
} from './data.js';
export { ConflictList } from './conflict-list.js';
export { OrderStatusSelect } from './order-status-select.js';

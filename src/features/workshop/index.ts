// The workshop feature's public face (派工, 三检, 返修): other features import only from here.
export { DispatchBoard } from './dispatch-board.js';
export { MyJobs } from './my-jobs.js';
export { JobScreen } from './job-screen.js';
export { WorkshopStatus } from './workshop-status.js';
export { WorkshopNav } from './workshop-nav.js';
export {
  addFinding,
  dispatch,
  signOff,
  tickOperation,
  useJob,
  useReworks,
  useSignOffs,
  useWorkshopBoard,
  useMyJobs,
  WorkshopRuleError,
  type Assignment,
  type WorkshopUser,
} from './data.js';
export { BOARD_STAGES, type WorkshopCard } from './board.js';
export type { SignOffInput } from './sign-off-draft.js';
export { workshopTexts } from './texts.js';

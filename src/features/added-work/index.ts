// The added-work feature's public face (追加项目): other features import only from here.
export { AddedWorkPanel } from './technician-panel.js';
export { AddedWorkForAdvisor } from './advisor-panel.js';
export { AddedWorkBadge } from './added-work-badge.js';
export {
  finishAddedWork,
  priceAddedWork,
  recordApproval,
  requestAddedWork,
  startAddedWork,
  useAddedWork,
  useApprovals,
  useWaitingForAdvisor,
  type AddedWorkPriceInput,
  type AddedWorkRequestInput,
  type ApprovalInput,
} from './data.js';
export {
  ADVISOR_ROLES,
  TECHNICIAN_ROLES,
  approvalStanding,
  stepBlocker,
} from './added-work-rules.js';
export { addedWorkTexts } from './texts.js';

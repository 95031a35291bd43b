export { WalkaroundScreen } from './walkaround-screen.js';
export { NewCheckInButton } from './find-vehicle.js';
export { checkInTexts } from './texts.js';

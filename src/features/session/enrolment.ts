/**
 * This tablet's enrolment: a site admin's password on the tablet enrols it
 * (online), and a server that revokes it or no longer knows it takes it back.
 * Records not yet on the server are kept either way (see forgetEnrolment).
 */
import { codedError, type CodedError, type ErrorCode } from '../../schema/index.js';
import { CodedRequestError, enrol } from './auth-client.js';
import {
  forgetEnrolment,
  saveEnrolment,
  tabletEnrolment,
  type TabletEnrolment,
} from './session-database.js';
import { lockTablet, useSession } from './session-state.js';

/** Answers meaning the server takes no sign-in from this tablet until it is enrolled again. */
export const UNENROLLING: ReadonlySet<ErrorCode> = new Set([
  'DEVICE_REVOKED',
  'DEVICE_NOT_ENROLLED',
]);

export async function enrolThisTablet(input: {
  username: string;
  password: string;
  deviceName: string;
  siteId?: string;
}): Promise<TabletEnrolment> {
  const { device, deviceToken } = await enrol({
    username: input.username.trim().toLowerCase(),
    password: input.password,
    deviceName: input.deviceName.trim(),
    ...(input.siteId ? { siteId: input.siteId } : {}),
  });
  const enrolment = { deviceId: device.id, deviceToken, name: device.name, siteId: device.siteId };
  await saveEnrolment(enrolment);
  useSession.setState({ enrolment, notice: null });
  return enrolment;
}

/** The enrolment to sign in or refresh with; a tablet without one is refused like the server would. */
export async function requireEnrolment(): Promise<TabletEnrolment> {
  const enrolment = await tabletEnrolment();
  if (!enrolment) throw new CodedRequestError(401, codedError('DEVICE_NOT_ENROLLED'));
  return enrolment;
}

/** Locks the tablet and shows the enrolment screen with the reason; nobody can PIN in any more. */
export async function dropEnrolment(reason: CodedError): Promise<void> {
  await forgetEnrolment();
  lockTablet(reason);
  useSession.setState({ enrolment: null });
}

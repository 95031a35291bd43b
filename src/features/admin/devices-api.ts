/**
 * The site admin's calls about enrolled tablets (GET /api/v1/admin/devices,
 * POST …/{id}/revoke), made as the admin at the tablet.
 */
import { API_BASE, type EnrolledDevice } from '../../schema/index.js';
import { adminJson } from './admin-api.js';

const DEVICES = `${API_BASE}/admin/devices`;

export function listDevices(): Promise<EnrolledDevice[]> {
  return adminJson(DEVICES);
}

export function revokeDevice(deviceId: string): Promise<EnrolledDevice> {
  return adminJson(`${DEVICES}/${encodeURIComponent(deviceId)}/revoke`, { method: 'POST' });
}

import { featureTexts } from '../../i18n/feature-texts.js';

/** The enrolled tablets section of the admin screen; mounted under `admin.devices`. */
export const deviceTexts = featureTexts(
  {
    title: 'Tablets',
    intro:
      'Tablets enrolled at this site. Revoke one that is lost or retired: its next sync or sign-in is refused, and what it has not synced stays on it.',
    loading: 'Loading the tablets…',
    empty: 'No tablet enrolled yet.',
    thisTablet: 'This tablet',
    active: 'Active',
    revoked: 'Revoked',
    enrolled: 'Enrolled {{time}} by {{who}}',
    lastSeen: 'Last sign-in {{time}}',
    neverSeen: 'No sign-in yet',
    revokedBy: 'Revoked {{time}} by {{who}}',
    revoke: 'Revoke',
    revokeDevice: 'Revoke tablet {{name}}',
    revokeConfirmTitle: 'Revoke {{name}}?',
    revokeConfirm:
      'Nobody can sign in or sync on it any more. Records it has not synced stay on it until a site admin enrols it again.',
    revokeThisConfirm:
      'This is the tablet you are using: it locks at once and must be enrolled again.',
    cancel: 'Cancel',
    revokedNotice: '{{name}} was revoked.',
  },
  {
    title: '平板',
    intro:
      '本站点已登记的平板。遗失或停用的平板请停用:它的下一次同步或登录将被拒绝,尚未同步的内容保留在平板上。',
    loading: '正在加载平板…',
    empty: '尚未登记任何平板。',
    thisTablet: '本平板',
    active: '使用中',
    revoked: '已停用',
    enrolled: '{{time}} 由 {{who}} 登记',
    lastSeen: '最近登录 {{time}}',
    neverSeen: '尚无登录',
    revokedBy: '{{time}} 由 {{who}} 停用',
    revoke: '停用',
    revokeDevice: '停用平板 {{name}}',
    revokeConfirmTitle: '停用 {{name}}?',
    revokeConfirm:
      '之后任何人都不能在它上面登录或同步。尚未同步的记录保留在平板上,直到站点管理员重新登记它。',
    revokeThisConfirm: '这是您正在使用的平板:它会立即锁定,需要重新登记。',
    cancel: '取消',
    revokedNotice: '{{name}} 已停用。',
  },
);

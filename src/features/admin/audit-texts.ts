import { featureTexts } from '../../i18n/feature-texts.js';

/** The audit log section of the admin screen; mounted under `admin.audit`. */
export const auditTexts = featureTexts(
  {
    title: 'Audit log',
    intro: 'Every change the server accepted, newest first.',
    loading: 'Loading the audit log…',
    empty: 'No changes recorded yet.',
    verify: 'Verify chain',
    export: 'Export CSV',
    intact: 'Chain intact: {{count}} entries checked.',
    broken: 'Chain broken at entry {{seq}}: an entry was changed or deleted.',
    exported: 'Audit log exported.',
    columns: {
      time: 'Time',
      who: 'Who',
      device: 'Device',
      record: 'Record',
      action: 'Action',
      fields: 'Fields',
    },
    deviceTime: 'Tablet: {{time}}',
    actions: { create: 'Created', update: 'Changed', delete: 'Deleted' },
  },
  {
    title: '审计日志',
    intro: '服务器接受的每一次更改,最新的在前。',
    loading: '正在加载审计日志…',
    empty: '尚无更改记录。',
    verify: '校验链',
    export: '导出 CSV',
    intact: '链完整:已校验 {{count}} 条记录。',
    broken: '链在第 {{seq}} 条记录处断开:有记录被修改或删除。',
    exported: '审计日志已导出。',
    columns: {
      time: '时间',
      who: '操作人',
      device: '设备',
      record: '记录',
      action: '操作',
      fields: '字段',
    },
    deviceTime: '平板:{{time}}',
    actions: { create: '新建', update: '修改', delete: '删除' },
  },
);

import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../schema/index.js';

/** The recent audit entries: when (server, and the tablet's own clock), who, where, what. */
export function AuditEntriesTable({ entries }: { entries: AuditEntry[] }) {
  const { t, i18n } = useTranslation();
  const time = (ms: number) => new Date(ms).toLocaleString(i18n.language);
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped verticalSpacing="sm" fz="md" aria-label={t('admin.audit.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.audit.columns.time')}</Table.Th>
            <Table.Th>{t('admin.audit.columns.who')}</Table.Th>
            <Table.Th>{t('admin.audit.columns.device')}</Table.Th>
            <Table.Th>{t('admin.audit.columns.record')}</Table.Th>
            <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('admin.audit.columns.action')}</Table.Th>
            <Table.Th>{t('admin.audit.columns.fields')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.seq}>
              <Table.Td>
                {time(entry.serverTime)}
                {entry.deviceTime !== null && (
                  <Text c="dimmed" fz="sm">
                    {t('admin.audit.deviceTime', { time: time(entry.deviceTime) })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{entry.username}</Table.Td>
              <Table.Td>{entry.deviceId}</Table.Td>
              <Table.Td>
                {entry.collection}
                <Text c="dimmed" fz="sm">
                  {entry.recordId}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {t(`admin.audit.actions.${entry.action}`)}
              </Table.Td>
              <Table.Td style={{ wordBreak: 'break-word' }}>
                {entry.changedFields.join(', ')}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

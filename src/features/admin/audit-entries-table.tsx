import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../schema/index.js';
import type { AuditWords } from './audit-words.js';

/**
 * A page of audit entries in the user's words: when (the server's clock, and
 * the tablet's own), who and on which tablet, which record (the order
 * number, the person, the tablet), and what was done to which fields. Four
 * columns that wrap, so nothing is cut at 768 or 1024 px.
 */
export function AuditEntriesTable({
  entries,
  words,
}: {
  entries: AuditEntry[];
  words: AuditWords;
}) {
  const { t, i18n } = useTranslation();
  const time = (ms: number) =>
    new Date(ms).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <Table striped verticalSpacing="sm" fz="md" aria-label={t('admin.audit.title')} layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="22%">{t('admin.audit.columns.time')}</Table.Th>
          <Table.Th w="24%">{t('admin.audit.columns.who')}</Table.Th>
          <Table.Th w="24%">{t('admin.audit.columns.record')}</Table.Th>
          <Table.Th>{t('admin.audit.columns.action')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((entry) => (
          <Table.Tr key={entry.seq} data-seq={entry.seq}>
            <Table.Td>
              {time(entry.serverTime)}
              {entry.deviceTime !== null && (
                <Text c="dimmed" fz="sm">
                  {t('admin.audit.deviceTime', { time: time(entry.deviceTime) })}
                </Text>
              )}
            </Table.Td>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>
              {words.person(entry.username)}
              <Text c="dimmed" fz="sm">
                {words.tablet(entry.deviceId)}
              </Text>
            </Table.Td>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>
              {words.recordType(entry.collection)}
              <Text c="dimmed" fz="sm">
                {words.record(entry)}
              </Text>
            </Table.Td>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>
              <Text fw={600}>{t(`admin.audit.actions.${entry.action}`)}</Text>
              {entry.changedFields.length > 0 && (
                <Text c="dimmed" fz="sm">
                  {entry.changedFields.map(words.field).join(i18n.language === 'en' ? ', ' : '、')}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

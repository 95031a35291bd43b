import { Alert, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconShieldCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditChainVerdict, AuditEntry, CodedError } from '../../schema/index.js';
import { useCodedText } from '../session/index.js';
import { downloadAuditCsv, listRecentAuditEntries, verifyAuditChain } from './audit-api.js';
import { AuditEntriesTable } from './audit-entries-table.js';
import { asCoded } from './use-admin-users.js';

/** The site's audit log for its admin: recent entries, the chain check and the CSV export. */
export function AuditLogSection({ online }: { online: boolean }) {
  const { t } = useTranslation();
  const codedText = useCodedText();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [verdict, setVerdict] = useState<AuditChainVerdict | null>(null);
  const [refusal, setRefusal] = useState<CodedError | null>(null);
  const [busy, setBusy] = useState<'verify' | 'export' | null>(null);

  useEffect(() => {
    if (!online) return;
    let current = true;
    listRecentAuditEntries().then(
      (loaded) => current && setEntries(loaded),
      (error: unknown) => current && setRefusal(asCoded(error)),
    );
    return () => {
      current = false;
    };
  }, [online]);

  async function run(action: 'verify' | 'export') {
    setBusy(action);
    setRefusal(null);
    try {
      if (action === 'verify') setVerdict(await verifyAuditChain());
      else {
        await downloadAuditCsv();
        notifications.show({ color: 'teal', message: t('admin.audit.exported') });
      }
    } catch (error) {
      setRefusal(asCoded(error));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Stack gap="sm" component="section" aria-label={t('admin.audit.title')}>
      <Group justify="space-between" wrap="wrap">
        <Stack gap={0}>
          <Title order={3}>{t('admin.audit.title')}</Title>
          <Text c="dimmed">{t('admin.audit.intro')}</Text>
        </Stack>
        <Group gap="sm">
          <Button
            mih={56}
            variant="light"
            leftSection={<IconShieldCheck />}
            disabled={!online}
            loading={busy === 'verify'}
            onClick={() => void run('verify')}
          >
            {t('admin.audit.verify')}
          </Button>
          <Button
            mih={56}
            variant="light"
            leftSection={<IconDownload />}
            disabled={!online}
            loading={busy === 'export'}
            onClick={() => void run('export')}
          >
            {t('admin.audit.export')}
          </Button>
        </Group>
      </Group>
      {verdict && (
        <Alert color={verdict.ok ? 'teal' : 'red'} role="status">
          {verdict.ok
            ? t('admin.audit.intact', { count: verdict.entries })
            : t('admin.audit.broken', { seq: verdict.firstBrokenSeq })}
        </Alert>
      )}
      {refusal && online && (
        <Alert color="red" role="alert">
          {codedText(refusal)}
        </Alert>
      )}
      {entries === null && online && !refusal && (
        <Center h={80} aria-label={t('admin.audit.loading')}>
          <Loader />
        </Center>
      )}
      {entries?.length === 0 && <Text>{t('admin.audit.empty')}</Text>}
      {entries && entries.length > 0 && <AuditEntriesTable entries={entries} />}
    </Stack>
  );
}

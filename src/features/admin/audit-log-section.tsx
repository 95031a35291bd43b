import { Alert, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconLock, IconShieldCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditChainVerdict, AuditEntry, AuditSeal, CodedError } from '../../schema/index.js';
import { useCodedText } from '../session/index.js';
import {
  downloadAuditCsv,
  listRecentAuditEntries,
  readLastAuditSeal,
  sealAuditLog,
  verifyAuditChain,
} from './audit-api.js';
import { AuditSealLine, AuditVerdictAlert } from './audit-chain-status.js';
import { AuditEntriesTable } from './audit-entries-table.js';
import { asCoded } from './use-admin-users.js';

type SectionAction = 'verify' | 'seal' | 'export';

/** The site's audit log for its admin: recent entries, the chain check, its seal and the CSV export. */
export function AuditLogSection({ online }: { online: boolean }) {
  const { t } = useTranslation();
  const codedText = useCodedText();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [verdict, setVerdict] = useState<AuditChainVerdict | null>(null);
  const [refusal, setRefusal] = useState<CodedError | null>(null);
  const [seal, setSeal] = useState<AuditSeal | null | undefined>(undefined);
  const [busy, setBusy] = useState<SectionAction | null>(null);

  useEffect(() => {
    if (!online) return;
    let current = true;
    listRecentAuditEntries().then(
      (loaded) => current && setEntries(loaded),
      (error: unknown) => current && setRefusal(asCoded(error)),
    );
    readLastAuditSeal().then(
      (loaded) => current && setSeal(loaded),
      (error: unknown) => current && setRefusal(asCoded(error)),
    );
    return () => {
      current = false;
    };
  }, [online]);

  async function perform(action: SectionAction) {
    if (action === 'verify') {
      const checked = await verifyAuditChain();
      setVerdict(checked);
      setSeal(checked.seal);
    } else if (action === 'seal') {
      setSeal(await sealAuditLog());
      notifications.show({ color: 'teal', message: t('admin.audit.sealed') });
    } else {
      await downloadAuditCsv();
      notifications.show({ color: 'teal', message: t('admin.audit.exported') });
    }
  }

  async function run(action: SectionAction) {
    setBusy(action);
    setRefusal(null);
    try {
      await perform(action);
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
          <AuditSealLine seal={seal} />
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
            leftSection={<IconLock />}
            disabled={!online}
            loading={busy === 'seal'}
            onClick={() => void run('seal')}
          >
            {t('admin.audit.sealNow')}
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
      {verdict && <AuditVerdictAlert verdict={verdict} />}
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

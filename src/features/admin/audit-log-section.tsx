import { Alert, Button, Center, Group, Loader, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconChevronLeft,
  IconChevronRight,
  IconDownload,
  IconLock,
  IconShieldCheck,
} from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LaneDatabase } from '../../db/create-database.js';
import {
  AUDIT_EVENT_SUBJECTS,
  COLLECTION_NAMES,
  type AuditChainVerdict,
  type AuditEntry,
  type AuditSeal,
  type CodedError,
  type EnrolledDevice,
  type SiteUser,
} from '../../schema/index.js';
import { useCodedText } from '../session/index.js';
import {
  downloadAuditCsv,
  listAuditPage,
  readLastAuditSeal,
  sealAuditLog,
  verifyAuditChain,
} from './audit-api.js';
import { AuditSealLine, AuditVerdictAlert } from './audit-chain-status.js';
import { AuditEntriesTable } from './audit-entries-table.js';
import { useAuditWords } from './audit-words.js';
import { listDevices } from './devices-api.js';
import { asCoded } from './use-admin-users.js';

const NO_ENTRIES: AuditEntry[] = [];

type SectionAction = 'verify' | 'seal' | 'export';

/** Entries on one page of the admin's audit log. */
export const AUDIT_PAGE_SIZE = 25;

const RECORD_TYPES = [...COLLECTION_NAMES, ...Object.values(AUDIT_EVENT_SUBJECTS)];

interface PageFilter {
  username: string | null;
  collection: string | null;
}

/**
 * The site's audit log for its admin, in the admin's words: a page at a
 * time, newest first, narrowed by person and record type; the chain check,
 * its seal and the CSV export.
 */
export function AuditLogSection({
  online,
  database,
  users,
}: {
  online: boolean;
  database: LaneDatabase;
  users: SiteUser[];
}) {
  const { t } = useTranslation();
  const codedText = useCodedText();
  const [loaded, setLoaded] = useState<{ key: string; entries: AuditEntry[] } | null>(null);
  const [devices, setDevices] = useState<EnrolledDevice[]>([]);
  const [verdict, setVerdict] = useState<AuditChainVerdict | null>(null);
  const [refusal, setRefusal] = useState<CodedError | null>(null);
  const [seal, setSeal] = useState<AuditSeal | null | undefined>(undefined);
  const [busy, setBusy] = useState<SectionAction | null>(null);
  const [filter, setFilter] = useState<PageFilter>({ username: null, collection: null });
  // Each page is read below the oldest entry of the one before; kept so "Newer" goes back.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const before = cursors[cursors.length - 1];
  // The page on screen is the one asked for; until it arrives the section shows it loading.
  const pageKey = JSON.stringify({ before, ...filter });
  const entries = loaded?.key === pageKey ? loaded.entries : null;
  const words = useAuditWords(database, entries ?? NO_ENTRIES, users, devices);

  useEffect(() => {
    if (!online) return;
    let current = true;
    listAuditPage({
      before,
      username: filter.username ?? undefined,
      collection: filter.collection ?? undefined,
      limit: AUDIT_PAGE_SIZE,
    }).then(
      (page) => current && setLoaded({ key: pageKey, entries: page }),
      (error: unknown) => current && setRefusal(asCoded(error)),
    );
    return () => {
      current = false;
    };
  }, [online, before, filter, pageKey]);

  useEffect(() => {
    if (!online) return;
    let current = true;
    readLastAuditSeal().then(
      (loaded) => current && setSeal(loaded),
      (error: unknown) => current && setRefusal(asCoded(error)),
    );
    // Only to name the tablets; the devices section shows its own errors.
    listDevices().then(
      (loaded) => current && setDevices(loaded),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [online]);

  // Another page is asked for: an earlier refusal is not this page's.
  const turnTo = (cursorsNow: (number | undefined)[]) => {
    setRefusal(null);
    setCursors(cursorsNow);
  };
  const filterBy = (changes: Partial<PageFilter>) => {
    setFilter((previous) => ({ ...previous, ...changes }));
    turnTo([undefined]);
  };
  const oldest = entries?.[entries.length - 1];
  const hasOlder = entries !== null && entries.length === AUDIT_PAGE_SIZE && oldest !== undefined;
  const filtered = filter.username !== null || filter.collection !== null;

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
      <Group gap="sm" align="end" wrap="wrap">
        <Select
          size="lg"
          w={300}
          label={t('admin.audit.filters.person')}
          allowDeselect={false}
          searchable
          disabled={!online}
          value={filter.username ?? ''}
          onChange={(username) => filterBy({ username: username || null })}
          data={[
            { value: '', label: t('admin.audit.filters.everyone') },
            ...users.map((user) => ({
              value: user.username,
              label: `${user.displayName} (${user.username})`,
            })),
          ]}
        />
        <Select
          size="lg"
          w={300}
          label={t('admin.audit.filters.type')}
          allowDeselect={false}
          disabled={!online}
          value={filter.collection ?? ''}
          onChange={(collection) => filterBy({ collection: collection || null })}
          data={[
            { value: '', label: t('admin.audit.filters.everything') },
            ...RECORD_TYPES.map((type) => ({ value: type, label: words.recordType(type) })),
          ]}
        />
      </Group>
      {entries === null && online && !refusal && (
        <Center h={80} role="status" aria-label={t('admin.audit.loading')} data-loading>
          <Loader />
        </Center>
      )}
      {entries?.length === 0 && (
        <Text>{filtered ? t('admin.audit.noneMatch') : t('admin.audit.empty')}</Text>
      )}
      {entries && entries.length > 0 && <AuditEntriesTable entries={entries} words={words} />}
      {(cursors.length > 1 || hasOlder) && (
        <Group justify="space-between">
          <Button
            mih={56}
            variant="default"
            leftSection={<IconChevronLeft aria-hidden />}
            disabled={cursors.length === 1 || !online}
            onClick={() => turnTo(cursors.slice(0, -1))}
          >
            {t('admin.audit.newer')}
          </Button>
          <Text fw={600}>{t('admin.audit.page', { page: cursors.length })}</Text>
          <Button
            mih={56}
            variant="default"
            rightSection={<IconChevronRight aria-hidden />}
            disabled={!hasOlder || !online}
            onClick={() => oldest && turnTo([...cursors, oldest.seq])}
          >
            {t('admin.audit.older')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

import { Alert, Button, Group, Paper, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SITE_DETAIL_LIMITS, type CodedError } from '../../schema/index.js';
import {
  keepSiteDetails,
  refreshSiteDetails,
  useCodedText,
  useSiteDetails,
} from '../session/index.js';
import { changeSiteDetails } from './admin-api.js';
import { asCoded } from './use-admin-users.js';

/**
 * The dealer's name, address and phone as every customer copy prints them;
 * the site admin changes them here (online), and each tablet keeps the last
 * copy it read for offline use.
 */
export function SiteDetailsSection({ online }: { online: boolean }) {
  const { t } = useTranslation();
  const codedText = useCodedText();
  const site = useSiteDetails();
  const [draft, setDraft] = useState({ name: site.name, address: site.address, phone: site.phone });
  // Edited only once read from the server: a save never writes back a stale copy.
  const [loaded, setLoaded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<CodedError | null>(null);

  useEffect(() => {
    if (!online) return;
    let current = true;
    refreshSiteDetails().then(
      (read) => {
        if (!current) return;
        setDraft({ name: read.name, address: read.address, phone: read.phone });
        setLoaded(true);
      },
      (error: unknown) => current && setRefusal(asCoded(error)),
    );
    return () => {
      current = false;
    };
  }, [online]);
  const field = (name: keyof typeof draft) => ({
    size: 'lg' as const,
    label: t(`admin.site.${name}`),
    maxLength: SITE_DETAIL_LIMITS[name],
    value: draft[name],
    disabled: !online || !loaded || busy,
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      const value = event.currentTarget.value;
      setDraft((previous) => ({ ...previous, [name]: value }));
    },
  });

  async function save() {
    setBusy(true);
    setRefusal(null);
    try {
      const saved = await changeSiteDetails(draft);
      keepSiteDetails(saved);
      setDraft({ name: saved.name, address: saved.address, phone: saved.phone });
      notifications.show({ color: 'teal', message: t('admin.site.saved') });
    } catch (error) {
      setRefusal(asCoded(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('admin.site.title')}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('admin.site.title')}
        </Title>
        <TextInput {...field('name')} required />
        <TextInput {...field('address')} description={t('admin.site.printed')} />
        <TextInput {...field('phone')} type="tel" inputMode="tel" />
        {refusal && (
          <Alert color="red" role="alert">
            {codedText(refusal)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button
            mih={56}
            leftSection={<IconDeviceFloppy aria-hidden />}
            loading={busy}
            disabled={!online || !loaded || draft.name.trim() === ''}
            onClick={() => void save()}
          >
            {t('admin.site.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

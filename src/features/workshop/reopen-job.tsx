import { Button, Card, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REOPEN_ROLES, type RepairOrder } from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import { reopenJob } from './data.js';
import { TARGET_PX, useWorkshopErrorNotice, useWorkshopUser } from './parts.js';

/**
 * "Reopen job" (重新开工) for the foreman once the final check has passed: with
 * a reason, it voids the final check and sends the job back for rework. Only
 * offered once that final check is on the server, which judges the reopening
 * against it.
 */
export function ReopenJob(props: {
  database: LaneDatabase;
  order: RepairOrder;
  finalPassOnServer: boolean;
}) {
  const { t } = useTranslation();
  const user = useWorkshopUser();
  const showError = useWorkshopErrorNotice();
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  if (!REOPEN_ROLES.includes(user.role)) return null;

  const reopen = async () => {
    setSaving(true);
    try {
      await reopenJob(props.database, user, props.order.id, reason);
      notifications.show({ color: 'orange', message: t('workshop.qc.reopened') });
      setReason('');
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card withBorder padding="md" component="form" aria-label={t('workshop.qc.reopenTitle')}>
      <Stack gap="sm">
        <Title order={4}>{t('workshop.qc.reopenTitle')}</Title>
        <Text size="md">{t('workshop.qc.reopenHint')}</Text>
        <Textarea
          label={t('workshop.qc.reopenReason')}
          size="lg"
          autosize
          minRows={2}
          maxLength={1000}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
        <Button
          size="xl"
          mih={TARGET_PX}
          color="orange"
          leftSection={<IconArrowBackUp aria-hidden />}
          disabled={reason.trim() === '' || !props.finalPassOnServer}
          loading={saving}
          aria-describedby={props.finalPassOnServer ? undefined : 'reopen-waits'}
          onClick={() => void reopen()}
        >
          {t('workshop.qc.reopen')}
        </Button>
        {!props.finalPassOnServer && (
          <Text id="reopen-waits" size="lg" fw={600} c="orange.8" role="note">
            {t('workshop.qc.reopenWaitsForServer')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

import { Button, Card, Group, Modal, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { JOB_LIMITS, type Job, type RepairOrder } from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import { PhotoPicker, PhotoThumbnails } from '../photos/index.js';
import { addFinding } from './data.js';
import {
  MODAL_TITLE,
  TARGET_PX,
  useDisplayName,
  useFormatTime,
  useWorkshopErrorNotice,
  useWorkshopUser,
} from './parts.js';

/** What the technician found on the car, each with its photos. */
export function FindingsList(props: {
  database: LaneDatabase;
  order: RepairOrder;
  job: Job;
  locked: boolean;
}) {
  const { t } = useTranslation();
  const displayName = useDisplayName();
  const formatTime = useFormatTime();
  const [adding, setAdding] = useState(false);
  const { findings } = props.job;
  const canAdd = !props.locked && findings.length < JOB_LIMITS.findings;
  return (
    <Stack component="section" aria-label={t('workshop.job.findings')} gap="sm">
      <Group justify="space-between">
        <Title order={3}>{t('workshop.job.findings')}</Title>
        {canAdd && (
          <Button
            size="xl"
            mih={TARGET_PX}
            leftSection={<IconPlus aria-hidden />}
            onClick={() => setAdding(true)}
          >
            {t('workshop.job.addFinding')}
          </Button>
        )}
      </Group>
      {findings.length === 0 && <Text c="dimmed">{t('workshop.job.noFindings')}</Text>}
      {findings.map((finding) => (
        <Card key={finding.id} withBorder padding="sm" data-finding={finding.id}>
          <Text size="lg" fw={600} c="dark.9">
            {finding.text}
          </Text>
          <Text size="sm" c="dark.5">
            {t('workshop.job.foundBy', {
              name: displayName(finding.foundBy),
              time: formatTime(finding.foundAt),
            })}
          </Text>
          {finding.photoIds.length > 0 && <PhotoThumbnails ids={finding.photoIds} />}
        </Card>
      ))}
      {adding && (
        <AddFindingModal
          database={props.database}
          orderId={props.order.id}
          onClose={() => setAdding(false)}
        />
      )}
    </Stack>
  );
}

function AddFindingModal(props: { database: LaneDatabase; orderId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const user = useWorkshopUser();
  const showError = useWorkshopErrorNotice();
  const [text, setText] = useState('');
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    try {
      await addFinding(props.database, user, props.orderId, { text, photoIds });
      props.onClose();
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      opened
      onClose={props.onClose}
      size="lg"
      title={t('workshop.job.addFinding')}
      styles={MODAL_TITLE}
      closeButtonProps={{ 'aria-label': t('workshop.job.cancel') }}
    >
      <Stack gap="md">
        <Textarea
          size="xl"
          autosize
          minRows={3}
          maxLength={1000}
          label={t('workshop.job.findingText')}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          data-autofocus
        />
        <Group>
          <PhotoThumbnails ids={photoIds} />
          {photoIds.length < JOB_LIMITS.photosPerFinding && (
            <PhotoPicker
              database={props.database}
              author={user}
              orderId={props.orderId}
              subject="other"
              subjectRef=""
              label={t('workshop.job.findingPhoto')}
              onAdded={(photo) => setPhotoIds((ids) => [...new Set([...ids, photo.id])])}
            />
          )}
        </Group>
        <Group justify="flex-end">
          <Button variant="default" size="xl" onClick={props.onClose}>
            {t('workshop.job.cancel')}
          </Button>
          <Button
            size="xl"
            disabled={text.trim() === ''}
            loading={saving}
            onClick={() => void save()}
          >
            {t('workshop.job.saveFinding')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

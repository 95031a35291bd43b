import {
  Button,
  Card,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LaneDatabase } from '../../db/create-database.js';
import type { Author } from '../../db/record-writes.js';
import { useSaveErrorNotice } from '../../components/save-error-notice.js';
import { PhotoPicker, PhotoThumbnails } from '../photos/index.js';
import { requestAddedWork } from './data.js';
import { toFen } from './money.js';

const MAX_EVIDENCE_PHOTOS = 6;

interface Draft {
  finding: string;
  operation: string;
  partsYuan: number | string;
  labourYuan: number | string;
  minutes: number | string;
  evidencePhotoIds: string[];
}

const EMPTY: Draft = {
  finding: '',
  operation: '',
  partsYuan: '',
  labourYuan: '',
  minutes: '',
  evidencePhotoIds: [],
};

interface RequestAddedWorkProps {
  database: LaneDatabase;
  orderId: string;
  author: Author;
}

/** The technician's "Request added work": a finding, the proposed operation, an estimate and evidence. */
export function RequestAddedWork({ database, orderId, author }: RequestAddedWorkProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <Group>
        <Button size="xl" leftSection={<IconPlus />} onClick={() => setOpen(true)}>
          {t('addedWork.request.open')}
        </Button>
      </Group>
    );
  return (
    <RequestForm
      database={database}
      orderId={orderId}
      author={author}
      onClose={() => setOpen(false)}
    />
  );
}

function RequestForm(props: RequestAddedWorkProps & { onClose: () => void }) {
  const { database, orderId, author, onClose } = props;
  const { t } = useTranslation();
  const showSaveError = useSaveErrorNotice();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [checked, setChecked] = useState(false);
  const [sending, setSending] = useState(false);
  const change = (fields: Partial<Draft>) => setDraft((current) => ({ ...current, ...fields }));
  const missingFinding = draft.finding.trim() === '';
  const missingOperation = draft.operation.trim() === '';

  const send = async () => {
    setChecked(true);
    if (missingFinding || missingOperation) return;
    setSending(true);
    try {
      await requestAddedWork(database, author, orderId, {
        finding: draft.finding,
        operation: draft.operation,
        partsFen: toFen(draft.partsYuan),
        labourFen: toFen(draft.labourYuan),
        minutes: typeof draft.minutes === 'number' ? Math.max(0, Math.round(draft.minutes)) : 0,
        evidencePhotoIds: draft.evidencePhotoIds,
      });
      onClose();
    } catch (error) {
      showSaveError(error);
    } finally {
      setSending(false);
    }
  };

  return (
    <Card
      withBorder
      component="form"
      aria-label={t('addedWork.request.title')}
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <Stack gap="md">
        <Title order={4} size="h3">
          {t('addedWork.request.title')}
        </Title>
        <Textarea
          size="lg"
          autosize
          minRows={2}
          label={t('addedWork.request.finding')}
          description={t('addedWork.request.findingHint')}
          value={draft.finding}
          error={checked && missingFinding ? t('addedWork.request.needsFinding') : undefined}
          onChange={(event) => change({ finding: event.currentTarget.value })}
        />
        <TextInput
          size="lg"
          label={t('addedWork.request.operation')}
          value={draft.operation}
          error={checked && missingOperation ? t('addedWork.request.needsOperation') : undefined}
          onChange={(event) => change({ operation: event.currentTarget.value })}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput
            size="lg"
            label={t('addedWork.request.parts')}
            decimalScale={2}
            min={0}
            hideControls
            value={draft.partsYuan}
            onChange={(value) => change({ partsYuan: value })}
          />
          <NumberInput
            size="lg"
            label={t('addedWork.request.labour')}
            decimalScale={2}
            min={0}
            hideControls
            value={draft.labourYuan}
            onChange={(value) => change({ labourYuan: value })}
          />
          <NumberInput
            size="lg"
            label={t('addedWork.request.minutes')}
            allowDecimal={false}
            min={0}
            hideControls
            value={draft.minutes}
            onChange={(value) => change({ minutes: value })}
          />
        </SimpleGrid>
        {draft.evidencePhotoIds.length > 0 && <PhotoThumbnails ids={draft.evidencePhotoIds} />}
        {draft.evidencePhotoIds.length < MAX_EVIDENCE_PHOTOS && (
          <Group>
            <PhotoPicker
              database={database}
              author={author}
              orderId={orderId}
              subject="other"
              subjectRef=""
              label={t('addedWork.request.evidence')}
              onAdded={(photo) =>
                setDraft((current) =>
                  current.evidencePhotoIds.includes(photo.id)
                    ? current
                    : { ...current, evidencePhotoIds: [...current.evidencePhotoIds, photo.id] },
                )
              }
            />
          </Group>
        )}
        <Group justify="flex-end">
          <Button size="xl" variant="default" onClick={onClose} disabled={sending}>
            {t('addedWork.request.cancel')}
          </Button>
          <Button size="xl" type="submit" leftSection={<IconSend />} loading={sending}>
            {t('addedWork.request.send')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

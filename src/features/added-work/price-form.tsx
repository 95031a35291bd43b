import { Alert, Button, Group, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddedWork } from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import type { Author } from '../../db/record-writes.js';
import { useSaveErrorNotice } from '../../components/save-error-notice.js';
import { priceAddedWork } from './data.js';
import { toFen } from './money.js';

const LOCAL_INPUT = 'YYYY-MM-DDTHH:mm';

interface PriceFormProps {
  database: LaneDatabase;
  author: Author;
  work: AddedWork;
}

/** The advisor's price and time for the customer, starting from the technician's estimate. */
export function PriceForm({ database, author, work }: PriceFormProps) {
  const { t } = useTranslation();
  const showSaveError = useSaveErrorNotice();
  const [partsYuan, setPartsYuan] = useState<number | string>(work.partsFen / 100);
  const [labourYuan, setLabourYuan] = useState<number | string>(work.labourFen / 100);
  const [minutes, setMinutes] = useState<number | string>(work.minutes);
  const [promised, setPromised] = useState(
    work.promisedDeliveryAt > 0 ? dayjs(work.promisedDeliveryAt).format(LOCAL_INPUT) : '',
  );
  const [saving, setSaving] = useState(false);
  const decided = work.status !== 'requested' && work.status !== 'priced';

  const save = async () => {
    const promisedMs = promised ? dayjs(promised).valueOf() : 0;
    setSaving(true);
    try {
      await priceAddedWork(database, author, work.id, {
        partsFen: toFen(partsYuan),
        labourFen: toFen(labourYuan),
        minutes: typeof minutes === 'number' ? Math.max(0, Math.round(minutes)) : 0,
        promisedDeliveryAt: Number.isFinite(promisedMs) ? promisedMs : 0,
      });
    } catch (error) {
      showSaveError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
        <NumberInput
          size="lg"
          label={t('addedWork.advisor.parts')}
          decimalScale={2}
          min={0}
          hideControls
          value={partsYuan}
          onChange={setPartsYuan}
        />
        <NumberInput
          size="lg"
          label={t('addedWork.advisor.labour')}
          decimalScale={2}
          min={0}
          hideControls
          value={labourYuan}
          onChange={setLabourYuan}
        />
        <NumberInput
          size="lg"
          label={t('addedWork.advisor.minutes')}
          allowDecimal={false}
          min={0}
          hideControls
          value={minutes}
          onChange={setMinutes}
        />
        <TextInput
          size="lg"
          type="datetime-local"
          label={t('addedWork.advisor.promised')}
          value={promised}
          onChange={(event) => setPromised(event.currentTarget.value)}
        />
      </SimpleGrid>
      {decided && <Alert color="yellow">{t('addedWork.advisor.voidsApproval')}</Alert>}
      <Group>
        <Button size="lg" variant="light" loading={saving} onClick={() => void save()}>
          {t('addedWork.advisor.savePrice')}
        </Button>
      </Group>
    </Stack>
  );
}

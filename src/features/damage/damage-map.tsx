import {
  Button,
  Card,
  Group,
  NativeSelect,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DAMAGE_SIZES,
  DAMAGE_TYPES,
  type DamageMark,
  type DamageView as View,
} from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import type { Author } from '../../db/record-writes.js';
import { CAR_OUTLINE } from './car-outline.js';
import { addDamageMark, editDamageMark, useDamageMarks, type DamageMarkEdit } from './data.js';
import { DamageView } from './damage-view.js';
import { segmentTargetStyles } from '../../components/lane-targets.js';

interface DamageMapProps {
  database: LaneDatabase;
  author: Author;
  orderId: string;
  onError: (error: unknown) => void;
  /** Photos of a marker: the check-in composes the photo feature in here. */
  renderPhotos?: (mark: DamageMark) => ReactNode;
}

/** The car diagram with numbered damage markers, the selected marker's details, and the legend. */
export function DamageMap({ database, author, orderId, onError, renderPhotos }: DamageMapProps) {
  const { t } = useTranslation();
  const marks = useDamageMarks(database, orderId).filter((mark) => !mark.removed);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = marks.find((mark) => mark.id === selectedId) ?? null;

  const edit = (id: string, change: DamageMarkEdit) =>
    editDamageMark(database, author, id, change).catch(onError);
  const add = (view: View, x: number, y: number) =>
    addDamageMark(database, author, orderId, { view, x, y })
      .then((mark) => setSelectedId(mark.id))
      .catch(onError);
  const remove = (mark: DamageMark) => {
    void edit(mark.id, { removed: true });
    setSelectedId(null);
    const notice = notifications.show({
      message: (
        <Group justify="space-between">
          {t('damage.removed', { number: mark.number })}
          <Button
            size="sm"
            variant="light"
            onClick={() => {
              void edit(mark.id, { removed: false });
              notifications.hide(notice);
            }}
          >
            {t('damage.undo')}
          </Button>
        </Group>
      ),
      autoClose: 8000,
    });
  };

  const viewOf = (view: View) => {
    const outline = CAR_OUTLINE.find((candidate) => candidate.view === view);
    return outline ? (
      <Stack gap={2}>
        <Text size="sm" c="dimmed" ta="center">
          {t(`damage.views.${view}`)}
        </Text>
        <DamageView
          outline={outline}
          marks={marks.filter((mark) => mark.view === view)}
          selectedId={selectedId}
          onAdd={(x, y) => void add(view, x, y)}
          onSelect={setSelectedId}
          onMove={(id, x, y) => void edit(id, { x, y })}
        />
      </Stack>
    ) : null;
  };

  return (
    <Stack>
      <Text c="dimmed">{t('damage.hint')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {viewOf('left')}
        {viewOf('right')}
        {viewOf('top')}
        <SimpleGrid cols={2}>
          {viewOf('front')}
          {viewOf('rear')}
        </SimpleGrid>
      </SimpleGrid>
      {selected && (
        <Card withBorder>
          <Title order={4}>{t('damage.editing', { number: selected.number })}</Title>
          <Stack mt="sm">
            <NativeSelect
              size="md"
              label={t('damage.type')}
              value={selected.type}
              onChange={(event) =>
                void edit(selected.id, { type: event.currentTarget.value as DamageMark['type'] })
              }
              data={DAMAGE_TYPES.map((type) => ({ value: type, label: t(`damage.types.${type}`) }))}
            />
            <Stack gap={4}>
              <Text fw={500} id="damage-size-label">
                {t('damage.size')}
              </Text>
              <SegmentedControl
                styles={segmentTargetStyles}
                aria-labelledby="damage-size-label"
                value={selected.size}
                onChange={(size) => void edit(selected.id, { size: size as DamageMark['size'] })}
                data={DAMAGE_SIZES.map((size) => ({
                  value: size,
                  label: t(`damage.sizes.${size}`),
                }))}
              />
            </Stack>
            <TextInput
              size="md"
              label={t('damage.note')}
              defaultValue={selected.note}
              key={`${selected.id}-note`}
              onChange={(event) => void edit(selected.id, { note: event.currentTarget.value })}
            />
            {renderPhotos?.(selected)}
            <Button color="red" variant="light" onClick={() => remove(selected)}>
              {t('damage.remove', { number: selected.number })}
            </Button>
          </Stack>
        </Card>
      )}
      <DamageLegend marks={marks} />
    </Stack>
  );
}

export function DamageLegend({ marks }: { marks: DamageMark[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} component="section" aria-label={t('damage.legend')}>
      <Title order={4}>{t('damage.legend')}</Title>
      {marks.length === 0 && <Text c="dimmed">{t('damage.none')}</Text>}
      {marks.map((mark) => (
        <Text key={mark.id}>
          <b>{mark.number}</b> · {t(`damage.views.${mark.view}`)} · {t(`damage.types.${mark.type}`)}{' '}
          · {t(`damage.sizes.${mark.size}`)}
          {mark.note && ` — ${mark.note}`}
        </Text>
      ))}
    </Stack>
  );
}

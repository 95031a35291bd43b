import { Button, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import { useSiteUsers } from '../session/index.js';
import type { WorkshopCard } from './board.js';
import { dispatch } from './data.js';
import {
  MODAL_TITLE,
  TARGET_PX,
  useDisplayName,
  useWorkshopErrorNotice,
  useWorkshopUser,
} from './parts.js';

/** Who can take a job: technicians and team leaders (the self-check roles). */
const ASSIGNABLE_ROLES: readonly Role[] = ['technician', 'team-leader'];
const BAY_NUMBERS = ['1', '2', '3', '4', '5', '6', '7', '8'];

/** The card's Dispatch (or Reassign) button and its dialog; the foreman's only. */
/** `compact` (the board): the word alone, so it fits a column also in portrait (140 px). */
export function DispatchAction({
  database,
  card,
  compact = false,
}: {
  database: LaneDatabase;
  card: WorkshopCard;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const dispatched = Boolean(card.job?.technician);
  const number = card.order.orderNumber;
  return (
    <>
      <Button
        mt={6}
        fullWidth
        size="md"
        px="xs"
        mih={TARGET_PX}
        variant={dispatched ? 'light' : 'filled'}
        leftSection={compact ? undefined : <IconUserPlus aria-hidden />}
        aria-label={t(
          dispatched ? 'workshop.board.reassignOrder' : 'workshop.board.dispatchOrder',
          {
            number,
          },
        )}
        onClick={() => setOpen(true)}
      >
        {t(dispatched ? 'workshop.board.reassign' : 'workshop.board.dispatch')}
      </Button>
      {open && <DispatchModal database={database} card={card} onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * 派工 by tap: a big button per technician and per bay. A rework car keeps
 * its original technician unless the foreman picks another.
 */
function DispatchModal({
  database,
  card,
  onClose,
}: {
  database: LaneDatabase;
  card: WorkshopCard;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const user = useWorkshopUser();
  const displayName = useDisplayName();
  const showError = useWorkshopErrorNotice();
  const [technician, setTechnician] = useState(card.job?.technician ?? '');
  const [bay, setBay] = useState(card.job?.bay ?? '');
  const [saving, setSaving] = useState(false);
  const number = card.order.orderNumber;

  const save = async () => {
    setSaving(true);
    try {
      await dispatch(database, user, card.order.id, { technician, bay });
      notifications.show({
        color: 'teal',
        message: t('workshop.dispatch.saved', { number, name: displayName(technician) }),
      });
      onClose();
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={t('workshop.dispatch.title', { number })}
      styles={MODAL_TITLE}
      closeButtonProps={{ 'aria-label': t('workshop.dispatch.cancel') }}
    >
      <Stack gap="lg">
        <TechnicianPicker
          value={technician}
          original={card.reworkCount > 0 ? card.job?.technician : undefined}
          onChange={setTechnician}
        />
        <BayPicker value={bay} onChange={setBay} />
        <Group justify="flex-end">
          <Button variant="default" size="xl" onClick={onClose}>
            {t('workshop.dispatch.cancel')}
          </Button>
          <Button
            size="xl"
            disabled={technician === ''}
            loading={saving}
            onClick={() => void save()}
          >
            {t('workshop.dispatch.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function TechnicianPicker(props: {
  value: string;
  original: string | undefined;
  onChange: (username: string) => void;
}) {
  const { t } = useTranslation();
  const people = useSiteUsers().filter(
    (person) => person.active && ASSIGNABLE_ROLES.includes(person.role),
  );
  return (
    <Stack gap="xs" role="group" aria-labelledby="dispatch-technician">
      <Text fw={700} size="lg" id="dispatch-technician">
        {t('workshop.dispatch.technician')}
      </Text>
      {people.length === 0 && <Text c="dimmed">{t('workshop.dispatch.nobody')}</Text>}
      <SimpleGrid cols={{ base: 2, sm: 3 }}>
        {people.map((person) => (
          <Button
            key={person.username}
            size="xl"
            mih={TARGET_PX}
            variant={props.value === person.username ? 'filled' : 'outline'}
            aria-pressed={props.value === person.username}
            onClick={() => props.onChange(person.username)}
            styles={{ label: { whiteSpace: 'normal', lineHeight: 1.2 } }}
          >
            {person.displayName}
            {person.username === props.original && ` · ${t('workshop.dispatch.original')}`}
          </Button>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function BayPicker({ value, onChange }: { value: string; onChange: (bay: string) => void }) {
  const { t } = useTranslation();
  const other = BAY_NUMBERS.includes(value) ? '' : value;
  return (
    <Stack gap="xs" role="group" aria-labelledby="dispatch-bay">
      <Text fw={700} size="lg" id="dispatch-bay">
        {t('workshop.dispatch.bay')}
      </Text>
      <SimpleGrid cols={{ base: 4, sm: 8 }}>
        {BAY_NUMBERS.map((number) => (
          <Button
            key={number}
            size="xl"
            mih={TARGET_PX}
            px={0}
            variant={value === number ? 'filled' : 'outline'}
            aria-pressed={value === number}
            aria-label={t('workshop.dispatch.bayNumber', { number })}
            onClick={() => onChange(number)}
          >
            {number}
          </Button>
        ))}
      </SimpleGrid>
      <TextInput
        size="xl"
        label={t('workshop.dispatch.otherBay')}
        value={other}
        maxLength={20}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    </Stack>
  );
}

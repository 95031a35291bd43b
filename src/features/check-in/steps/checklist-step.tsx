import { Button, Card, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconChecks } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CHECKLIST_ITEMS, type CheckInSheet, type ChecklistItem } from '../../../schema/index.js';
import { PhotoPicker, PhotoThumbnails } from '../../photos/index.js';
import type { StepProps } from '../step-context.js';
import { LANE_TARGET_PX, segmentTargetStyles } from '../../../components/lane-targets.js';

type Check = CheckInSheet['checklist'][ChecklistItem];
const STATUSES = ['ok', 'not-ok', 'not-applicable'] as const;

/** Each walkaround item OK, not OK (with a note and photos) or not applicable. */
export function ChecklistStep({ database, author, order, sheet, saveSheet }: StepProps) {
  const { t } = useTranslation();
  const setCheck = (item: ChecklistItem, change: (check: Check) => Check) =>
    void saveSheet((current) => ({
      ...current,
      checklist: { ...current.checklist, [item]: change(current.checklist[item]) },
    }));
  const unanswered = CHECKLIST_ITEMS.filter((item) => sheet.checklist[item].status === 'unchecked');
  // Most cars are fine on most items: the advisor answers what is not, then the rest at once.
  const restOk = () =>
    void saveSheet((current) => ({
      ...current,
      checklist: Object.fromEntries(
        CHECKLIST_ITEMS.map((item) => {
          const check = current.checklist[item];
          return [item, check.status === 'unchecked' ? { ...check, status: 'ok' } : check];
        }),
      ) as CheckInSheet['checklist'],
    }));
  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <Button
          size="lg"
          mih={LANE_TARGET_PX}
          variant="light"
          color="teal"
          leftSection={<IconChecks aria-hidden />}
          disabled={unanswered.length === 0}
          onClick={restOk}
        >
          {unanswered.length === 0
            ? t('checkIn.checklist.allAnswered')
            : t('checkIn.checklist.restOk', { count: unanswered.length })}
        </Button>
      </Group>
      {CHECKLIST_ITEMS.map((item) => {
        const check = sheet.checklist[item];
        const name = t(`checkIn.checklist.items.${item}`);
        return (
          <Card key={item} withBorder padding="sm">
            <Group justify="space-between">
              <Text fw={600} size="lg" id={`check-${item}`}>
                {name}
              </Text>
              <SegmentedControl
                aria-labelledby={`check-${item}`}
                size="md"
                styles={segmentTargetStyles}
                value={check.status}
                color={check.status === 'not-ok' ? 'red' : 'teal'}
                onChange={(status) =>
                  setCheck(item, (current) => ({ ...current, status: status as Check['status'] }))
                }
                data={STATUSES.map((status) => ({
                  value: status,
                  label: t(`checkIn.checklist.status.${status}`),
                }))}
              />
            </Group>
            {check.status === 'not-ok' && (
              <Stack mt="sm" gap="xs">
                <TextInput
                  size="lg"
                  label={t('checkIn.checklist.note', { item: name })}
                  defaultValue={check.note}
                  onChange={(event) => {
                    const note = event.currentTarget.value;
                    setCheck(item, (current) => ({ ...current, note }));
                  }}
                />
                <Group>
                  <PhotoThumbnails ids={check.photoIds} />
                  <PhotoPicker
                    database={database}
                    author={author}
                    orderId={order.id}
                    subject="checklist"
                    subjectRef={item}
                    onAdded={(photo) =>
                      setCheck(item, (current) => ({
                        ...current,
                        photoIds: [...new Set([...current.photoIds, photo.id])],
                      }))
                    }
                  />
                </Group>
              </Stack>
            )}
          </Card>
        );
      })}
    </Stack>
  );
}

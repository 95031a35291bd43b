import {
  Checkbox,
  Chip,
  Group,
  NativeSelect,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  FOLLOW_UP_CHANNELS,
  VALUABLES_HANDLING,
  WARNING_LIGHTS,
  type CheckInSheet,
} from '../../../schema/index.js';
import type { StepProps } from '../step-context.js';
import {
  checkboxTargetStyles,
  chipTargetStyles,
  segmentTargetStyles,
} from '../../../components/lane-targets.js';

type Covers = CheckInSheet['covers'];

export function CoversStep({ sheet, saveSheet }: StepProps) {
  const { t } = useTranslation();
  const keys = Object.keys(sheet.covers) as (keyof Covers)[];
  return (
    <Stack>
      {keys.map((cover) => (
        <Checkbox
          key={cover}
          size="lg"
          styles={checkboxTargetStyles}
          label={t(`checkIn.covers.${cover}`)}
          checked={sheet.covers[cover]}
          onChange={(event) => {
            const checked = event.currentTarget.checked;
            void saveSheet((current) => ({
              ...current,
              covers: { ...current.covers, [cover]: checked },
            }));
          }}
        />
      ))}
    </Stack>
  );
}

export function WarningLightsStep({ sheet, saveSheet }: StepProps) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Chip.Group
        multiple
        value={sheet.warningLights}
        onChange={(lights) =>
          void saveSheet((current) => ({
            ...current,
            warningLights: lights as CheckInSheet['warningLights'],
          }))
        }
      >
        <Group>
          {WARNING_LIGHTS.map((light) => (
            <Chip key={light} value={light} size="lg" color="orange" styles={chipTargetStyles}>
              {t(`checkIn.lights.${light}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <TextInput
        size="lg"
        label={t('checkIn.lights.other')}
        defaultValue={sheet.warningLightsOther}
        onChange={(event) => {
          const other = event.currentTarget.value;
          void saveSheet((current) => ({ ...current, warningLightsOther: other }));
        }}
      />
    </Stack>
  );
}

export function ValuablesStep({ sheet, saveSheet }: StepProps) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Textarea
        size="lg"
        autosize
        minRows={2}
        label={t('checkIn.valuables.description')}
        defaultValue={sheet.valuables.description}
        onChange={(event) => {
          const description = event.currentTarget.value;
          void saveSheet((current) => ({
            ...current,
            valuables: { ...current.valuables, description },
          }));
        }}
      />
      <Text fw={500} id="valuables-handling">
        {t('checkIn.valuables.handlingLabel')}
      </Text>
      <SegmentedControl
        styles={segmentTargetStyles}
        aria-labelledby="valuables-handling"
        value={sheet.valuables.handling}
        onChange={(handling) =>
          void saveSheet((current) => ({
            ...current,
            valuables: {
              ...current.valuables,
              handling: handling as CheckInSheet['valuables']['handling'],
            },
          }))
        }
        data={VALUABLES_HANDLING.map((handling) => ({
          value: handling,
          label: t(`checkIn.valuables.handling.${handling}`),
        }))}
      />
    </Stack>
  );
}

type Wishes = CheckInSheet['wishes'];

export function WishesStep({ sheet, saveSheet }: StepProps) {
  const { t } = useTranslation();
  const setWish = (change: Partial<Wishes>) =>
    void saveSheet((current) => ({ ...current, wishes: { ...current.wishes, ...change } }));
  const toggles = ['keepOldParts', 'wash', 'engineBayWash', 'followUpConsent'] as const;
  return (
    <Stack>
      {toggles.map((wish) => (
        <Checkbox
          key={wish}
          size="lg"
          styles={checkboxTargetStyles}
          label={t(`checkIn.wishes.${wish}`)}
          checked={sheet.wishes[wish]}
          onChange={(event) => setWish({ [wish]: event.currentTarget.checked })}
        />
      ))}
      {sheet.wishes.followUpConsent && (
        <Group grow>
          <NativeSelect
            size="lg"
            label={t('checkIn.wishes.followUpChannel')}
            value={sheet.wishes.followUpChannel}
            onChange={(event) =>
              setWish({ followUpChannel: event.currentTarget.value as Wishes['followUpChannel'] })
            }
            data={FOLLOW_UP_CHANNELS.map((channel) => ({
              value: channel,
              label: t(`checkIn.wishes.channels.${channel}`),
            }))}
          />
          <TextInput
            size="lg"
            label={t('checkIn.wishes.followUpTime')}
            defaultValue={sheet.wishes.followUpTime}
            onChange={(event) => setWish({ followUpTime: event.currentTarget.value })}
          />
        </Group>
      )}
    </Stack>
  );
}

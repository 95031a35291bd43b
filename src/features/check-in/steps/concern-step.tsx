import { Stack, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StepProps } from '../step-context.js';

const SYMPTOMS = ['when', 'frequency', 'conditions'] as const;

/** The concern in the customer's own words, and when, how often and under what conditions. */
export function ConcernStep({ order, saveOrder }: StepProps) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Textarea
        size="lg"
        autosize
        minRows={4}
        label={t('order.fields.concern')}
        description={t('order.fields.concernHint')}
        defaultValue={order.concern}
        onChange={(event) => void saveOrder({ concern: event.currentTarget.value })}
      />
      {SYMPTOMS.map((symptom) => (
        <TextInput
          key={symptom}
          size="lg"
          label={t(`checkIn.symptoms.${symptom}`)}
          defaultValue={order.symptoms?.[symptom] ?? ''}
          onChange={(event) =>
            void saveOrder({ symptoms: { [symptom]: event.currentTarget.value } })
          }
        />
      ))}
    </Stack>
  );
}

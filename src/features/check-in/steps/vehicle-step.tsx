import { Card, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { Controller, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { normaliseVin } from '../../../schema/index.js';
import { useAutosaveForm, vinHint } from '../../orders/autosave-form.js';
import { useErrorText } from '../use-error-text.js';
import type { StepProps } from '../step-context.js';

export function VehicleStep({ order, saveOrder }: StepProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { register, control, formState } = useAutosaveForm(order, saveOrder);
  const vinWarning = errorText(vinHint(useWatch({ control, name: 'vin' })) ?? undefined);
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Card withBorder>
        <Title order={3} size="h4" mb="sm">
          {t('order.sections.customer')}
        </Title>
        <Stack>
          <TextInput
            size="lg"
            label={t('order.fields.customerName')}
            data-field="customerName"
            {...register('customerName')}
          />
          <TextInput
            size="lg"
            type="tel"
            inputMode="tel"
            label={t('order.fields.customerPhone')}
            data-field="customerPhone"
            error={errorText(formState.errors.customerPhone?.message)}
            {...register('customerPhone')}
          />
        </Stack>
      </Card>
      <Card withBorder>
        <Title order={3} size="h4" mb="sm">
          {t('order.sections.vehicle')}
        </Title>
        <Stack>
          <Controller
            control={control}
            name="vin"
            render={({ field, fieldState }) => (
              <TextInput
                size="lg"
                label={t('order.fields.vin')}
                description={t('order.fields.vinHint')}
                maxLength={17}
                autoCapitalize="characters"
                data-field="vin"
                error={errorText(fieldState.error?.message) ?? vinWarning}
                value={field.value}
                onBlur={field.onBlur}
                onChange={(event) => field.onChange(normaliseVin(event.currentTarget.value))}
              />
            )}
          />
          <SimpleGrid cols={2}>
            <TextInput
              size="lg"
              label={t('order.fields.plate')}
              data-field="plate"
              {...register('plate')}
            />
            <TextInput
              size="lg"
              label={t('order.fields.model')}
              data-field="model"
              {...register('model')}
            />
            <TextInput
              size="lg"
              label={t('order.fields.colour')}
              data-field="colour"
              {...register('colour')}
            />
          </SimpleGrid>
        </Stack>
      </Card>
    </SimpleGrid>
  );
}

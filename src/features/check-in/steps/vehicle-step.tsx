import { Card, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { Controller, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  CUSTOMER_LANGUAGES,
  customerLanguageOf,
  normaliseVin,
  type CustomerLanguage,
} from '../../../schema/index.js';
import { useAutosaveForm, vinHint } from '../../orders/autosave-form.js';
import { useErrorText } from '../use-error-text.js';
import type { StepProps } from '../step-context.js';

/**
 * The language the customer reads their copies in: asked at the car, kept on
 * the order, so a Chinese-reading customer gets Chinese whatever the
 * advisor's screen shows.
 */
function CustomerLanguage({ order, saveOrder }: Pick<StepProps, 'order' | 'saveOrder'>) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text fw={500} size="lg" aria-hidden>
        {t('order.fields.customerLanguage')}
      </Text>
      <SegmentedControl
        aria-label={t('order.fields.customerLanguage')}
        size="lg"
        fullWidth
        styles={{
          label: { minHeight: 44, display: 'flex', alignItems: 'center', justifyContent: 'center' },
        }}
        value={customerLanguageOf(order)}
        onChange={(value) => void saveOrder({ customerLanguage: value as CustomerLanguage })}
        data={CUSTOMER_LANGUAGES.map((language) => ({
          value: language,
          label: t(`order.customerLanguages.${language}`),
        }))}
      />
    </Stack>
  );
}

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
          <CustomerLanguage order={order} saveOrder={saveOrder} />
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

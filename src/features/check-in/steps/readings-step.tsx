import { Alert, Button, Checkbox, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkOdometer, checkOdometerAgainstLast } from '../../../schema/index.js';
import { FuelGauge } from '../fuel-gauge.js';
import { useErrorText } from '../use-error-text.js';
import type { StepProps } from '../step-context.js';
import { checkboxTargetStyles } from '../../../components/lane-targets.js';

/**
 * Odometer and fuel. The odometer is judged when the advisor finishes typing:
 * lower than the vehicle's last reading needs a reason, a jump of more than
 * 100,000 km a confirmation; until then nothing is saved.
 */
export function ReadingsStep({ order, history, saveOrder }: StepProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [typed, setTyped] = useState<number | ''>(order.odometerKm ?? '');
  const [pending, setPending] = useState<
    'ODOMETER_DECREASED' | 'ODOMETER_JUMP' | 'ODOMETER_RANGE' | null
  >(null);
  const [reason, setReason] = useState('');

  // The reading last saved from here: leaving the field again must not judge it a second time.
  const [settled, setSettled] = useState<number | ''>(order.odometerKm ?? '');
  const judge = () => {
    if (typed === '' || typed === order.odometerKm || typed === settled) return;
    if (checkOdometer(typed)) return setPending('ODOMETER_RANGE');
    const verdict = checkOdometerAgainstLast(typed, history.lastOdometerKm);
    setPending(verdict);
    if (!verdict) {
      setSettled(typed);
      void saveOrder({ odometerKm: typed, odometerOverrideReason: '' });
    }
  };
  const accept = (overrideReason: string) => {
    if (typed === '') return;
    setSettled(typed);
    void saveOrder({ odometerKm: typed, odometerOverrideReason: overrideReason });
    setPending(null);
  };

  return (
    <Stack gap="lg">
      <Stack gap="xs" maw={420}>
        <NumberInput
          size="lg"
          label={t('order.fields.odometer')}
          description={
            history.lastOdometerKm !== undefined
              ? t('checkIn.lastOdometer', { km: history.lastOdometerKm.toLocaleString() })
              : undefined
          }
          thousandSeparator=","
          allowDecimal={false}
          allowNegative={false}
          hideControls
          value={typed}
          onChange={(value) => {
            setTyped(typeof value === 'number' ? value : '');
            setPending(null);
          }}
          onBlur={judge}
          onKeyDown={(event) => event.key === 'Enter' && judge()}
          error={pending === 'ODOMETER_RANGE' ? errorText(pending) : undefined}
        />
        {pending === 'ODOMETER_DECREASED' && (
          <Alert color="orange" role="alert" title={errorText(pending)}>
            <Stack>
              <TextInput
                size="lg"
                label={t('checkIn.odometer.reason')}
                value={reason}
                onChange={(event) => setReason(event.currentTarget.value)}
              />
              <Group>
                <Button disabled={reason.trim() === ''} onClick={() => accept(reason.trim())}>
                  {t('checkIn.odometer.confirmLower')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {pending === 'ODOMETER_JUMP' && (
          <Alert color="orange" role="alert" title={errorText(pending)}>
            <Checkbox
              size="lg"
              styles={checkboxTargetStyles}
              label={t('checkIn.odometer.confirmJump')}
              onChange={() => accept('')}
            />
          </Alert>
        )}
        {order.odometerOverrideReason && (
          <Text c="orange.8">
            {t('checkIn.odometer.acceptedWithReason', { reason: order.odometerOverrideReason })}
          </Text>
        )}
      </Stack>
      <FuelGauge
        value={order.fuelEighths}
        onChange={(fuelEighths) => void saveOrder({ fuelEighths })}
      />
    </Stack>
  );
}

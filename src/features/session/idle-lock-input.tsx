import { NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IDLE_LOCK_MINUTES } from '../../schema/index.js';
import { setIdleLockMinutes, useIdleLockMinutes } from './idle-lock-setting.js';

/**
 * This tablet's idle time before it locks, within the site's limits. Only
 * the site admin's screen offers it: on the lock screen anyone at the
 * tablet could lengthen it, so there it is only shown (IdleLockNote).
 */
export function IdleLockInput() {
  const { t } = useTranslation();
  const minutes = useIdleLockMinutes((state) => state.minutes);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('session.thisTablet')}>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('session.thisTablet')}
        </Title>
        <NumberInput
          label={t('session.idleLock')}
          description={t('session.idleLockLimits', IDLE_LOCK_MINUTES)}
          value={minutes}
          min={IDLE_LOCK_MINUTES.min}
          max={IDLE_LOCK_MINUTES.max}
          clampBehavior="strict"
          allowDecimal={false}
          allowNegative={false}
          // Typed on the tablet's keypad; the spinner's arrows are too small for a glove.
          hideControls
          inputMode="numeric"
          size="lg"
          w={280}
          onChange={(value) => typeof value === 'number' && setIdleLockMinutes(value)}
        />
      </Stack>
    </Paper>
  );
}

/** "Locks after 5 minutes without use", for everyone at the lock screen. */
export function IdleLockNote() {
  const { t } = useTranslation();
  const minutes = useIdleLockMinutes((state) => state.minutes);
  return <Text c="dimmed">{t('session.idleLockNote', { count: minutes })}</Text>;
}

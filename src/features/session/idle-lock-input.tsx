import { NumberInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IDLE_LOCK_MINUTES } from '../../schema/index.js';
import { setIdleLockMinutes, useIdleLockMinutes } from './idle-lock-setting.js';

/** This tablet's idle time before it locks, within the site's limits. */
export function IdleLockInput() {
  const { t } = useTranslation();
  const minutes = useIdleLockMinutes((state) => state.minutes);
  return (
    <NumberInput
      label={t('session.idleLock')}
      value={minutes}
      min={IDLE_LOCK_MINUTES.min}
      max={IDLE_LOCK_MINUTES.max}
      clampBehavior="strict"
      allowDecimal={false}
      allowNegative={false}
      size="lg"
      w={280}
      onChange={(value) => typeof value === 'number' && setIdleLockMinutes(value)}
    />
  );
}

import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ConflictEntry } from '../../schema/index.js';

/** Values another tablet's edit replaced in a sync conflict: kept and shown, never silently lost. */
export function ConflictList({ conflicts }: { conflicts: readonly ConflictEntry[] }) {
  const { t } = useTranslation();
  if (conflicts.length === 0) return null;
  return (
    <Alert color="orange" title={t('order.conflictsTitle')}>
      <List>
        {conflicts.map((conflict) => (
          <List.Item key={`${conflict.path}-${conflict.lostAt}-${conflict.resolvedAt}`}>
            {t('order.conflictLine', {
              field: conflict.path,
              lost: JSON.parse(conflict.lostValue) as unknown,
              kept: JSON.parse(conflict.keptValue) as unknown,
              by: conflict.lostBy,
            })}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTool } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddedWork } from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import { navigate } from '../../components/use-hash-route.js';
import { useSession } from '../session/index.js';
import { ADVISOR_ROLES, hasRole } from './added-work-rules.js';
import { useWaitingForAdvisor } from './data.js';

/**
 * The header's count of added work waiting for an advisor, across the site's
 * orders, live; a tap opens the oldest. A request arriving while the app is
 * open also shows a notification. Only advisors and managers see it.
 */
export function AddedWorkBadge({ database }: { database: LaneDatabase }) {
  // The header shows while the tablet is locked too: then there is no one to tell.
  const role = useSession((state) => state.user?.role);
  if (!role || !hasRole(role, ADVISOR_ROLES)) return null;
  return <WaitingBadge database={database} />;
}

function WaitingBadge({ database }: { database: LaneDatabase }) {
  const { t } = useTranslation();
  const { waiting, loading } = useWaitingForAdvisor(database);
  useNewRequestNotices(waiting, loading);
  const first = waiting[0];
  if (!first) return null;
  const label = t('addedWork.badge.label', { count: waiting.length });
  return (
    <Button
      size="md"
      mih={44}
      style={{ flexShrink: 0 }}
      color="orange.9"
      leftSection={<IconTool aria-hidden />}
      aria-label={label}
      title={label}
      onClick={() => navigate({ screen: 'order', id: first.orderId })}
    >
      {waiting.length}
    </Button>
  );
}

/** Notifies each request that arrives after the first load: the ones already there are not news. */
function useNewRequestNotices(waiting: readonly AddedWork[], loading: boolean) {
  const { t } = useTranslation();
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (loading) return;
    const known = seen.current;
    seen.current = new Set([...(known ?? []), ...waiting.map((work) => work.id)]);
    if (!known) return;
    for (const work of waiting) {
      if (known.has(work.id) || work.status !== 'requested') continue;
      notifications.show({
        id: `added-work-${work.id}`,
        color: 'orange',
        title: t('addedWork.badge.newTitle'),
        message: t('addedWork.badge.newMessage', {
          operation: work.operation,
          finding: work.finding,
        }),
        onClick: () => navigate({ screen: 'order', id: work.orderId }),
        style: { cursor: 'pointer' },
      });
    }
  }, [waiting, loading, t]);
}

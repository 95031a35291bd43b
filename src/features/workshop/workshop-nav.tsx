import { Button, Group } from '@mantine/core';
import { IconClipboardList, IconLayoutKanban, IconSettings, IconTool } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../schema/index.js';
import { routeHref, useHashRoute, type Route } from '../../components/use-hash-route.js';
import { useSession } from '../session/index.js';
import { TARGET_PX } from './parts.js';

type NavScreen = 'orders' | 'board' | 'jobs' | 'admin';

/** Which screens each role works in, its home first. */
const SCREENS_BY_ROLE: Record<Role, readonly NavScreen[]> = {
  advisor: ['orders', 'board'],
  technician: ['jobs'],
  'team-leader': ['jobs', 'board'],
  foreman: ['board', 'jobs', 'orders'],
  clerk: ['orders'],
  manager: ['orders', 'board'],
  admin: ['admin', 'orders'],
};

const ICONS: Record<NavScreen, ReactNode> = {
  orders: <IconClipboardList aria-hidden />,
  board: <IconLayoutKanban aria-hidden />,
  jobs: <IconTool aria-hidden />,
  admin: <IconSettings aria-hidden />,
};

/** Which nav entry a screen belongs to: an order under orders, a job under the worker's jobs. */
function sectionOf(route: Route): NavScreen {
  if (route.screen === 'order') return 'orders';
  if (route.screen === 'job') return 'jobs';
  return route.screen;
}

/** The header's links to the screens of the signed-in person's role; big enough for gloves. */
export function WorkshopNav() {
  const { t } = useTranslation();
  // The header is also shown on the lock screen, when nobody is signed in.
  const role = useSession((state) => state.user?.role);
  const current = sectionOf(useHashRoute());
  const screens = role ? SCREENS_BY_ROLE[role] : [];
  if (screens.length < 2) return null;
  return (
    <Group component="nav" aria-label={t('workshop.nav.label')} gap={6} wrap="nowrap">
      {screens.map((screen) => (
        <Button
          key={screen}
          component="a"
          href={routeHref({ screen } as Route)}
          size="md"
          mih={TARGET_PX}
          px="sm"
          variant={current === screen ? 'filled' : 'subtle'}
          aria-current={current === screen ? 'page' : undefined}
          miw={TARGET_PX}
          leftSection={ICONS[screen]}
        >
          {t(`workshop.nav.${screen}`)}
        </Button>
      ))}
    </Group>
  );
}

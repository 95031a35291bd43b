import {
  Alert,
  Badge,
  Button,
  Group,
  Progress,
  ScrollArea,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowLeft, IconArrowRight } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import {
  recordActionAllowed,
  WALKAROUND_STEPS,
  type CheckInSheet,
  type RepairOrder,
  type WalkaroundStep,
} from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import { useSaveErrorNotice } from '../../components/save-error-notice.js';
import { routeHref } from '../../components/use-hash-route.js';
import { useAuthor, useCurrentUser } from '../session/index.js';
import {
  ConflictList,
  OrderStatusSelect,
  editRepairOrder,
  useRepairOrder,
  type RepairOrderChange,
} from '../orders/index.js';
import {
  editCheckInSheet,
  ensureCheckInSheet,
  useCheckInSheet,
  useVehicleHistory,
} from './data.js';
import type { StepProps } from './step-context.js';
import { ChecklistStep } from './steps/checklist-step.js';
import { ConcernStep } from './steps/concern-step.js';
import { DamageStep } from './steps/damage-step.js';
import { EstimateStep } from './steps/estimate-step.js';
import { ReadingsStep } from './steps/readings-step.js';
import { SignatureStep } from './steps/signature-step.js';
import { CoversStep, ValuablesStep, WarningLightsStep, WishesStep } from './steps/simple-steps.js';
import { VehicleStep } from './steps/vehicle-step.js';
import { HistoryBanner } from './history-banner.js';
import { AddedWorkForAdvisor } from '../added-work/index.js';
import { WorkshopStatus } from '../workshop/index.js';
import { LANE_TARGET_PX, MIN_TARGET_PX } from '../../components/lane-targets.js';

const STEP_SCREENS: Record<WalkaroundStep, ComponentType<StepProps>> = {
  vehicle: VehicleStep,
  covers: CoversStep,
  readings: ReadingsStep,
  'warning-lights': WarningLightsStep,
  checklist: ChecklistStep,
  damage: DamageStep,
  valuables: ValuablesStep,
  wishes: WishesStep,
  concern: ConcernStep,
  estimate: EstimateStep,
  signature: SignatureStep,
};

/** The whole check-in of one order, step by step; the step is saved, so any reload resumes there. */
export function WalkaroundScreen({
  database,
  orderId,
}: {
  database: LaneDatabase;
  orderId: string;
}) {
  const { t } = useTranslation();
  const { order, loading } = useRepairOrder(database, orderId);
  const sheet = useCheckInSheet(database, orderId);
  const showError = useSaveErrorNotice();
  const author = useAuthor();
  // Only the advisor side starts a check-in sheet (the server refuses anyone else's).
  const { role } = useCurrentUser();
  const startsSheets = recordActionAllowed('check_in_sheets', 'create', role);

  useEffect(() => {
    if (order && startsSheets) void ensureCheckInSheet(database, author, orderId).catch(showError);
  }, [database, author, order, orderId, showError, startsSheets]);

  return (
    <Stack gap="md">
      <Group>
        <Button
          component="a"
          href={routeHref({ screen: 'orders' })}
          variant="subtle"
          size="md"
          mih={MIN_TARGET_PX}
          px="xs"
          leftSection={<IconArrowLeft size={20} aria-hidden />}
        >
          {t('order.back')}
        </Button>
      </Group>
      {!loading && !order && <Alert color="yellow">{t('order.notFound')}</Alert>}
      {order && <WorkshopStatus database={database} orderId={orderId} />}
      {order && <AddedWorkForAdvisor database={database} orderId={orderId} />}
      {order && sheet && (
        <Walkaround database={database} order={order} sheet={sheet} showError={showError} />
      )}
    </Stack>
  );
}

interface WalkaroundProps {
  database: LaneDatabase;
  order: RepairOrder;
  sheet: CheckInSheet;
  showError: (error: unknown) => void;
}

function Walkaround({ database, order, sheet, showError }: WalkaroundProps) {
  const { t } = useTranslation();
  const history = useVehicleHistory(database, order);
  const author = useAuthor();
  const currentTab = useRef<HTMLButtonElement>(null);
  const tabStrip = useRef<HTMLDivElement>(null);
  // The step being worked on stays in sight in the tab strip, also after the tablet turns
  // (the strip scrolls sideways; the page stays where the advisor is).
  useEffect(() => {
    const show = () => {
      const tab = currentTab.current;
      const strip = tabStrip.current;
      if (!tab || !strip) return;
      strip.scrollTo({ left: tab.offsetLeft - (strip.clientWidth - tab.offsetWidth) / 2 });
    };
    show();
    window.addEventListener('resize', show);
    return () => window.removeEventListener('resize', show);
  }, [sheet.step]);
  const saveOrder = useCallback(
    (change: RepairOrderChange) =>
      editRepairOrder(database, author, order.id, change).catch(showError),
    [database, author, order.id, showError],
  );
  const saveSheet = useCallback(
    (modify: (current: CheckInSheet) => CheckInSheet) =>
      editCheckInSheet(database, author, order.id, modify).catch(showError),
    [database, author, order.id, showError],
  );
  const index = WALKAROUND_STEPS.indexOf(sheet.step);
  const goTo = (step: WalkaroundStep) => {
    void saveSheet((current) => ({ ...current, step }));
    window.scrollTo({ top: 0 });
  };
  const Step = STEP_SCREENS[sheet.step];
  const props: StepProps = {
    database,
    author,
    order,
    sheet,
    history,
    saveOrder,
    saveSheet,
    showError,
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="end">
        <Stack gap={4}>
          <Title order={2}>{t('order.heading', { number: order.orderNumber })}</Title>
          <Group gap="xs">
            {order.vehicle.plate && <Badge size="lg">{order.vehicle.plate}</Badge>}
            {history.repeatRepair && (
              <Badge size="lg" color="red">
                {t('checkIn.repeatRepair')}
              </Badge>
            )}
          </Group>
        </Stack>
        <OrderStatusSelect order={order} saveOrder={saveOrder} />
      </Group>
      <HistoryBanner history={history} />
      <ConflictList conflicts={[...order.conflicts, ...sheet.conflicts]} />
      <ScrollArea type="auto" offsetScrollbars viewportRef={tabStrip}>
        <Group
          gap={6}
          wrap="nowrap"
          component="nav"
          aria-label={t('checkIn.step', { number: index + 1, total: WALKAROUND_STEPS.length })}
        >
          {WALKAROUND_STEPS.map((step, position) => (
            <Button
              key={step}
              ref={step === sheet.step ? currentTab : undefined}
              size="md"
              mih={48}
              variant={step === sheet.step ? 'filled' : 'light'}
              style={{ flexShrink: 0 }}
              aria-current={step === sheet.step ? 'step' : undefined}
              onClick={() => goTo(step)}
            >
              {position + 1}. {t(`checkIn.steps.${step}`)}
            </Button>
          ))}
        </Group>
      </ScrollArea>
      <Progress value={((index + 1) / WALKAROUND_STEPS.length) * 100} size="sm" aria-hidden />
      <Title order={3}>
        {t(`checkIn.steps.${sheet.step}`)}{' '}
        <Text span c="dimmed" size="md">
          {t('checkIn.step', { number: index + 1, total: WALKAROUND_STEPS.length })}
        </Text>
      </Title>
      <Step key={sheet.step} {...props} />
      <Group justify="space-between" mt="md">
        <Button
          size="lg"
          mih={LANE_TARGET_PX}
          variant="default"
          leftSection={<IconArrowLeft />}
          disabled={index === 0}
          onClick={() => goTo(WALKAROUND_STEPS[index - 1] ?? sheet.step)}
        >
          {t('checkIn.back')}
        </Button>
        {index < WALKAROUND_STEPS.length - 1 && (
          <Button
            size="lg"
            mih={LANE_TARGET_PX}
            rightSection={<IconArrowRight />}
            onClick={() => goTo(WALKAROUND_STEPS[index + 1] ?? sheet.step)}
          >
            {t('checkIn.next')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

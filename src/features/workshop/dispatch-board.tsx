import { Alert, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DISPATCH_ROLES, type JobStage } from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import { useCodedText } from '../session/index.js';
import { BOARD_STAGES, boardColumns, type WorkshopCard } from './board.js';
import { useWorkshopBoard } from './data.js';
import { DispatchAction } from './dispatch-modal.js';
import { JobCard } from './job-card.js';
import { STAGE_COLORS, useWorkshopUser } from './parts.js';

/**
 * The foreman's board (派工看板): every car in the workshop by stage, rework
 * first, then by promised time. Live: a change on any tablet moves the card.
 * Dispatch is by tap (no drag-and-drop library is in the project).
 */
export function DispatchBoard({ database }: { database: LaneDatabase }) {
  const { t } = useTranslation();
  const codedText = useCodedText();
  const user = useWorkshopUser();
  const { cards } = useWorkshopBoard(database);
  const columns = useMemo(() => boardColumns(cards), [cards]);
  const canDispatch = DISPATCH_ROLES.includes(user.role);

  return (
    <Stack gap="md">
      <Title order={2}>{t('workshop.board.title')}</Title>
      {!canDispatch && <Alert color="gray">{codedText('DISPATCH_ROLE_FORBIDDEN')}</Alert>}
      <SimpleGrid cols={5} spacing={8}>
        {BOARD_STAGES.map((stage) => (
          <BoardColumn
            key={stage}
            database={database}
            stage={stage}
            cards={columns[stage]}
            canDispatch={canDispatch}
          />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function BoardColumn(props: {
  database: LaneDatabase;
  stage: JobStage;
  cards: WorkshopCard[];
  canDispatch: boolean;
}) {
  const { t } = useTranslation();
  const name = t(`workshop.stage.${props.stage}`);
  return (
    <Stack component="section" aria-label={name} gap={6} miw={0}>
      <Group
        gap="xs"
        justify="space-between"
        wrap="nowrap"
        p="xs"
        bg={`${STAGE_COLORS[props.stage]}.9`}
        style={{ borderRadius: 'var(--mantine-radius-md)' }}
      >
        <Title order={3} size="h5" c="white">
          {name}
        </Title>
        <Text size="xl" fw={800} c="white" aria-hidden>
          {props.cards.length}
        </Text>
      </Group>
      {props.cards.length === 0 && (
        <Text c="dimmed" ta="center">
          {t('workshop.board.empty')}
        </Text>
      )}
      {props.cards.map((card) => (
        <JobCard
          key={card.order.id}
          card={card}
          compact
          actions={
            props.canDispatch && card.stage !== 'ready' ? (
              <DispatchAction database={props.database} card={card} compact />
            ) : undefined
          }
        />
      ))}
    </Stack>
  );
}

import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LaneDatabase } from '../../db/create-database.js';
import type { WorkshopCard } from './board.js';
import { useMyJobs } from './data.js';
import { JobCard } from './job-card.js';
import { useWorkshopUser } from './parts.js';

/**
 * A technician's jobs (rework first), and for a team leader the peer checks
 * waiting for them; a foreman also sees the jobs waiting for final check.
 */
export function MyJobs({ database }: { database: LaneDatabase }) {
  const { t } = useTranslation();
  const user = useWorkshopUser();
  const { mine, peerChecks, finalChecks } = useMyJobs(database, user.username, user.role);
  const lists: { key: string; cards: WorkshopCard[]; shown: boolean }[] = [
    { key: 'mine', cards: mine, shown: user.role !== 'foreman' || mine.length > 0 },
    { key: 'peerChecks', cards: peerChecks, shown: user.role === 'team-leader' },
    { key: 'finalChecks', cards: finalChecks, shown: user.role === 'foreman' },
  ];
  return (
    <Stack gap="lg">
      <Title order={2}>{t('workshop.jobs.title')}</Title>
      {lists
        .filter((list) => list.shown)
        .map((list) => (
          <JobList key={list.key} title={t(`workshop.jobs.${list.key}`)} cards={list.cards} />
        ))}
    </Stack>
  );
}

function JobList({ title, cards }: { title: string; cards: WorkshopCard[] }) {
  const { t } = useTranslation();
  return (
    <Stack component="section" aria-label={title} gap="sm">
      <Title order={3}>{title}</Title>
      {cards.length === 0 && (
        <Text c="dimmed" size="lg">
          {t('workshop.jobs.empty')}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {cards.map((card) => (
          <JobCard key={card.order.id} card={card} showStage />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

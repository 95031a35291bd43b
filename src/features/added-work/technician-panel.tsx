import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconPlayerPlay } from '@tabler/icons-react';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddedWork, Approval } from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import type { Author } from '../../db/record-writes.js';
import { useSaveErrorNotice } from '../../components/save-error-notice.js';
import { useAuthor, useCurrentUser } from '../session/index.js';
import { hasRole, stepBlocker, stepOffered, TECHNICIAN_ROLES } from './added-work-rules.js';
import { finishAddedWork, startAddedWork, useAddedWork, useApprovals } from './data.js';
import { RequestAddedWork } from './request-form.js';
import { useContentHashes } from './use-content-hashes.js';
import { useErrorMessage } from './use-texts.js';
import { WorkSummary } from './work-summary.js';

interface AddedWorkPanelProps {
  database: LaneDatabase;
  orderId: string;
  jobId: string;
}

/**
 * The technician's view of a job's added work: request it with evidence, and
 * start or finish it once the customer has approved exactly this work and price.
 */
export function AddedWorkPanel({ database, orderId, jobId }: AddedWorkPanelProps) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const author = useAuthor();
  const { addedWork } = useAddedWork(database, orderId);
  const approvals = useApprovals(database, orderId);
  const works = useMemo(() => addedWork.filter((work) => work.jobId === jobId), [addedWork, jobId]);
  const hashes = useContentHashes(works);
  const canAct = hasRole(user.role, TECHNICIAN_ROLES);
  return (
    <Card withBorder component="section" aria-label={t('addedWork.title')}>
      <Stack gap="md">
        <Title order={3}>{t('addedWork.title')}</Title>
        {!canAct && <Alert color="gray">{t('addedWork.technician.onlyTechnicians')}</Alert>}
        {works.length === 0 && <Text c="dimmed">{t('addedWork.empty')}</Text>}
        {works.map((work) => (
          <TechnicianItem
            key={work.id}
            database={database}
            author={author}
            work={work}
            contentHash={hashes.get(work.id)}
            approvals={approvals}
            canAct={canAct}
          />
        ))}
        {canAct && <RequestAddedWork database={database} orderId={orderId} author={author} />}
      </Stack>
    </Card>
  );
}

interface TechnicianItemProps {
  database: LaneDatabase;
  author: Author;
  work: AddedWork;
  contentHash: string | undefined;
  approvals: readonly Approval[];
  canAct: boolean;
}

function TechnicianItem(props: TechnicianItemProps) {
  const { work, canAct } = props;
  const showActions =
    canAct && (stepOffered(work.status, 'started') || stepOffered(work.status, 'done'));
  return (
    <Card withBorder component="article" aria-label={work.operation} bg="gray.0">
      <Stack gap="sm">
        <WorkSummary work={work} />
        {showActions && <StepButtons {...props} />}
      </Stack>
    </Card>
  );
}

/** Start and Done: offered only as the rule allows, and saying why not while it does not. */
function StepButtons({ database, author, work, contentHash, approvals }: TechnicianItemProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const showSaveError = useSaveErrorNotice();
  const reasonId = useId();
  const [busy, setBusy] = useState(false);
  const blocker =
    contentHash === undefined ? null : stepBlocker(work, 'started', contentHash, approvals);
  const disabled = busy || contentHash === undefined || blocker !== null;
  const take = async (step: typeof startAddedWork) => {
    setBusy(true);
    try {
      await step(database, author, work.id);
    } catch (error) {
      showSaveError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs">
      {blocker && (
        <Alert id={reasonId} color="orange">
          {errorMessage(blocker)}
        </Alert>
      )}
      <Group>
        {stepOffered(work.status, 'started') && (
          <Button
            size="xl"
            leftSection={<IconPlayerPlay />}
            disabled={disabled}
            aria-describedby={blocker ? reasonId : undefined}
            onClick={() => void take(startAddedWork)}
          >
            {t('addedWork.technician.start')}
          </Button>
        )}
        <Button
          size="xl"
          color="teal"
          leftSection={<IconCheck />}
          disabled={disabled}
          aria-describedby={blocker ? reasonId : undefined}
          onClick={() => void take(finishAddedWork)}
        >
          {t('addedWork.technician.done')}
        </Button>
      </Group>
    </Stack>
  );
}

import { Alert, Badge, Card, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { IconCloudUpload } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  currentRound,
  nextSignOffLevel,
  qcHistory,
  roundPendingOnServer,
  SIGN_OFF_LEVELS,
  voidedByReopening,
  type Job,
  type RepairOrder,
  type ReworkRecord,
  type SignOff,
  type SignOffLevel,
} from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import { RefusalNotice } from '../sync/index.js';
import { usePendingSignOffIds, useReworks, useSignOffs } from './data.js';
import { useDisplayName, useFormatTime } from './parts.js';
import { ReopenJob } from './reopen-job.js';
import { ServerCheckBadge } from './server-check-badge.js';
import { SignOffForm } from './sign-off-form.js';

/**
 * The three-level check (三检): who signed each level of this round, when
 * (tablet and server time), and the form for the level the job waits for.
 * Earlier rounds, ended by a failed check or a reopening (their passes shown
 * void), and sign-offs the server refused stay listed below.
 */
export function QcSection(props: { database: LaneDatabase; order: RepairOrder; job: Job }) {
  const { t } = useTranslation();
  const signOffs = useSignOffs(props.database, props.order.id);
  const reworks = useReworks(props.database, props.order.id);
  const pending = usePendingSignOffIds(props.database);
  const history = useMemo(() => qcHistory(signOffs, reworks), [signOffs, reworks]);
  const round = currentRound(history);
  const next = nextSignOffLevel(history);
  const standing = (signOff: SignOff) =>
    signOff.round === round && signOff.serverCheck !== 'refused';
  const earlier = signOffs.filter((signOff) => !standing(signOff));
  const inRound = (level: SignOffLevel) =>
    signOffs.find((signOff) => standing(signOff) && signOff.level === level);
  const finalPass = inRound('final');
  return (
    <Card withBorder component="section" aria-label={t('workshop.qc.title')} padding="md">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={3}>{t('workshop.qc.title')}</Title>
          {round > 0 && (
            <Badge size="xl" color="red" radius="sm">
              {t('workshop.qc.round', { round: round + 1 })}
            </Badge>
          )}
        </Group>
        {SIGN_OFF_LEVELS.map((level) => (
          <SignOffRow
            key={level}
            database={props.database}
            level={level}
            signOff={inRound(level)}
            pending={pending}
            reworks={reworks}
          />
        ))}
        {next === null ? (
          <>
            <AllPassed pendingOnServer={roundPendingOnServer(history)} />
            <ReopenJob
              database={props.database}
              order={props.order}
              finalPassOnServer={finalPass !== undefined && !pending.has(finalPass.id)}
            />
          </>
        ) : (
          <SignOffForm
            key={`${round}-${next}`}
            database={props.database}
            order={props.order}
            job={props.job}
            level={next}
            history={history}
          />
        )}
        {earlier.length > 0 && (
          <Stack gap="sm">
            <Divider label={t('workshop.qc.earlierRounds')} labelPosition="left" />
            {earlier.map((signOff) => (
              <SignOffRow
                key={signOff.id}
                database={props.database}
                level={signOff.level}
                signOff={signOff}
                pending={pending}
                reworks={reworks}
                showRound
              />
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

/** All three passed; not valid yet while the server has still to judge one of them. */
function AllPassed({ pendingOnServer }: { pendingOnServer: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert color={pendingOnServer ? 'orange' : 'teal'} variant="filled">
      <Text size="lg" fw={700}>
        {t(pendingOnServer ? 'workshop.qc.serverPending' : 'workshop.qc.allPassed')}
      </Text>
    </Alert>
  );
}

function SignOffRow(props: {
  database: LaneDatabase;
  level: SignOffLevel;
  signOff: SignOff | undefined;
  pending: ReadonlySet<string>;
  reworks: readonly ReworkRecord[];
  showRound?: boolean;
}) {
  const { t } = useTranslation();
  const { signOff } = props;
  const title = t(`workshop.level.${props.level}`);
  return (
    <Card
      withBorder
      padding="sm"
      aria-label={title}
      component="article"
      data-level={props.level}
      data-result={signOff?.result ?? 'waiting'}
      data-server-check={signOff?.serverCheck ?? ''}
    >
      <Group justify="space-between" align="start">
        <Title order={4}>
          {title}
          {props.showRound &&
            signOff &&
            ` · ${t('workshop.qc.round', { round: signOff.round + 1 })}`}
        </Title>
        {signOff ? (
          <Badge size="xl" radius="sm" color={signOff.result === 'pass' ? 'teal' : 'red'}>
            {t(signOff.result === 'pass' ? 'workshop.qc.passed' : 'workshop.qc.failed')}
          </Badge>
        ) : (
          <Text c="dimmed" size="lg">
            {t('workshop.qc.waiting')}
          </Text>
        )}
      </Group>
      {signOff && (
        <SignOffDetails
          database={props.database}
          signOff={signOff}
          onServer={!props.pending.has(signOff.id)}
          voided={voidedByReopening(signOff, props.reworks)}
        />
      )}
    </Card>
  );
}

function SignOffDetails(props: {
  database: LaneDatabase;
  signOff: SignOff;
  onServer: boolean;
  voided: boolean;
}) {
  const { t } = useTranslation();
  const displayName = useDisplayName();
  const formatTime = useFormatTime();
  const { signOff } = props;
  return (
    <Stack gap={2} mt={4}>
      <Text size="lg" fw={600}>
        {t('workshop.qc.signer', {
          name: displayName(signOff.createdBy),
          role: t(`session.roles.${signOff.signerRole}`),
        })}
      </Text>
      <Text size="md">{t('workshop.qc.deviceTime', { time: formatTime(signOff.signedAt) })}</Text>
      {signOff.receivedAt !== undefined && (
        <Text size="md">
          {t('workshop.qc.serverTime', { time: formatTime(signOff.receivedAt) })}
        </Text>
      )}
      {!props.onServer && (
        <Badge
          color="orange"
          size="lg"
          radius="sm"
          leftSection={<IconCloudUpload size={16} aria-hidden />}
        >
          {t('workshop.qc.notOnServer')}
        </Badge>
      )}
      <ServerCheckBadge signOff={signOff} voided={props.voided} />
      {signOff.reasons && (
        <Text size="lg" c="red.8" fw={600}>
          {t('workshop.qc.reasonsShown', { reasons: signOff.reasons })}
        </Text>
      )}
      <RefusalNotice database={props.database} recordId={signOff.id} />
    </Stack>
  );
}

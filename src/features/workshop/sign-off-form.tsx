import {
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSignature } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  OPTIONAL_CHECK_ITEMS,
  SIGN_OFF_CHECKLISTS,
  type CheckAnswer,
  type CheckItem,
  type HistoryEntry,
  type Job,
  type RepairOrder,
  type SignOffLevel,
  type SignOffResult,
} from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import { useCodedText } from '../session/index.js';
import { signOff, useAddedWork } from './data.js';
import { TARGET_PX, useWorkshopErrorNotice, useWorkshopUser } from './parts.js';
import {
  checklistFrom,
  signOffInputBlocker,
  SIGNER_BLOCKERS,
  type SignOffInput,
} from './sign-off-draft.js';
import { useJobContent } from './use-job-content.js';

const BIG_SEGMENTS = {
  label: {
    minHeight: TARGET_PX,
    minWidth: 88,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    fontSize: 'var(--mantine-font-size-lg)',
  },
} as const;

/**
 * The form for the level the job waits for. The Sign button is judged by the
 * same rule as the write (and the server); when it may not be used, the
 * reason is shown under it.
 */
export function SignOffForm(props: {
  database: LaneDatabase;
  order: RepairOrder;
  job: Job;
  level: SignOffLevel;
  /** The job's check history, reopenings included (qcHistory). */
  history: readonly HistoryEntry[];
}) {
  const { t } = useTranslation();
  const codedText = useCodedText();
  const user = useWorkshopUser();
  const showError = useWorkshopErrorNotice();
  const addedWork = useAddedWork(props.database, props.order.id);
  const hashed = useJobContent(props.order, props.job, addedWork);
  const [answers, setAnswers] = useState<Partial<Record<CheckItem, CheckAnswer>>>({});
  const [result, setResult] = useState<SignOffResult>('pass');
  const [reasons, setReasons] = useState('');
  const [cause, setCause] = useState('');
  const [saving, setSaving] = useState(false);
  const level = t(`workshop.level.${props.level}`);
  const input: SignOffInput = {
    level: props.level,
    result,
    checklist: checklistFrom(props.level, answers),
    reasons,
    cause,
  };
  const blocker = hashed
    ? signOffInputBlocker(input, user, props.history, {
        technician: props.job.technician,
        ...hashed,
      })
    : null;
  const readOnly = blocker !== null && SIGNER_BLOCKERS.includes(blocker);

  const sign = async () => {
    setSaving(true);
    try {
      await signOff(props.database, user, props.order.id, input);
      notifications.show({ color: 'teal', message: t('workshop.qc.signed', { level }) });
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      withBorder
      padding="md"
      bg="gray.0"
      component="form"
      aria-label={t('workshop.qc.formTitle', { level })}
    >
      <Stack gap="md">
        <Title order={3}>{t('workshop.qc.formTitle', { level })}</Title>
        {SIGN_OFF_CHECKLISTS[props.level].map((item) => (
          <CheckQuestion
            key={item}
            item={item}
            answer={answers[item]}
            disabled={readOnly}
            onAnswer={(answer) => setAnswers((current) => ({ ...current, [item]: answer }))}
          />
        ))}
        {props.level !== 'self' && (
          <ResultFields
            result={result}
            reasons={reasons}
            cause={cause}
            disabled={readOnly}
            onResult={setResult}
            onReasons={setReasons}
            onCause={setCause}
          />
        )}
        <Stack gap={4}>
          <Button
            size="xl"
            mih={TARGET_PX}
            color={result === 'fail' ? 'red' : 'teal'}
            leftSection={<IconSignature aria-hidden />}
            disabled={blocker !== null || hashed === null}
            loading={saving}
            aria-describedby={blocker ? 'sign-off-blocker' : undefined}
            onClick={() => void sign()}
          >
            {t('workshop.qc.sign', { level })}
          </Button>
          {blocker && (
            <Text id="sign-off-blocker" size="lg" fw={600} c="red.8" role="note">
              {codedText(blocker)}
            </Text>
          )}
        </Stack>
      </Stack>
    </Card>
  );
}

function CheckQuestion(props: {
  item: CheckItem;
  answer: CheckAnswer | undefined;
  disabled: boolean;
  onAnswer: (answer: CheckAnswer) => void;
}) {
  const { t } = useTranslation();
  const id = `check-item-${props.item}`;
  const choices: CheckAnswer[] = OPTIONAL_CHECK_ITEMS.includes(props.item)
    ? ['yes', 'no', 'na']
    : ['yes', 'no'];
  return (
    <Group justify="space-between" wrap="wrap" gap="sm">
      <Text size="xl" fw={600} id={id} c="dark.9">
        {t(`workshop.qc.items.${props.item}`)}
      </Text>
      <SegmentedControl
        aria-labelledby={id}
        size="lg"
        disabled={props.disabled}
        value={props.answer ?? ''}
        color={props.answer === 'no' ? 'red' : 'teal'}
        onChange={(value) => props.onAnswer(value as CheckAnswer)}
        styles={BIG_SEGMENTS}
        data={choices.map((answer) => ({
          value: answer,
          label: t(`workshop.qc.answers.${answer}`),
        }))}
      />
    </Group>
  );
}

function ResultFields(props: {
  result: SignOffResult;
  reasons: string;
  cause: string;
  disabled: boolean;
  onResult: (result: SignOffResult) => void;
  onReasons: (reasons: string) => void;
  onCause: (cause: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="xl" fw={700} id="sign-off-result">
          {t('workshop.qc.result')}
        </Text>
        <SegmentedControl
          aria-labelledby="sign-off-result"
          size="lg"
          disabled={props.disabled}
          value={props.result}
          color={props.result === 'fail' ? 'red' : 'teal'}
          onChange={(value) => props.onResult(value as SignOffResult)}
          styles={BIG_SEGMENTS}
          data={[
            { value: 'pass', label: t('workshop.qc.pass') },
            { value: 'fail', label: t('workshop.qc.fail') },
          ]}
        />
      </Group>
      {props.result === 'fail' && (
        <>
          <Textarea
            size="xl"
            autosize
            minRows={2}
            maxLength={1000}
            label={t('workshop.qc.reasons')}
            value={props.reasons}
            onChange={(event) => props.onReasons(event.currentTarget.value)}
          />
          <TextInput
            size="xl"
            maxLength={500}
            label={t('workshop.qc.cause')}
            value={props.cause}
            onChange={(event) => props.onCause(event.currentTarget.value)}
          />
        </>
      )}
    </Stack>
  );
}

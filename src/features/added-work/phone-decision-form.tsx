import { Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalDecision } from '../../schema/index.js';

const LOCAL_INPUT = 'YYYY-MM-DDTHH:mm';

export interface PhoneDecision {
  approverName: string;
  phoneNumber: string;
  calledAt: number;
}

interface PhoneDecisionFormProps {
  decision: ApprovalDecision;
  defaultName: string;
  defaultNumber: string;
  /** Who records it: shown, and stamped on the record as its author. */
  recorderName: string;
  onRecord: (call: PhoneDecision) => Promise<void>;
  onCancel: () => void;
}

/** A phone approval or decline: who decided, the number called, when; the recorder is the user. */
export function PhoneDecisionForm(props: PhoneDecisionFormProps) {
  const { decision, recorderName, onRecord, onCancel } = props;
  const { t } = useTranslation();
  const [name, setName] = useState(props.defaultName);
  const [number, setNumber] = useState(props.defaultNumber);
  const [calledAt, setCalledAt] = useState(() => dayjs().format(LOCAL_INPUT));
  const [checked, setChecked] = useState(false);
  const [saving, setSaving] = useState(false);
  const calledAtMs = dayjs(calledAt).valueOf();
  const problems = {
    name: name.trim() === '' ? t('addedWork.phone.needsName') : undefined,
    number: number.trim() === '' ? t('addedWork.phone.needsNumber') : undefined,
    calledAt:
      !calledAt || !Number.isFinite(calledAtMs) ? t('addedWork.phone.needsTime') : undefined,
  };

  const record = async () => {
    setChecked(true);
    if (problems.name || problems.number || problems.calledAt) return;
    setSaving(true);
    try {
      await onRecord({ approverName: name, phoneNumber: number, calledAt: calledAtMs });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          size="lg"
          label={t(
            decision === 'approved' ? 'addedWork.phone.approver' : 'addedWork.phone.decliner',
          )}
          value={name}
          error={checked && problems.name}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <TextInput
          size="lg"
          type="tel"
          label={t('addedWork.phone.number')}
          value={number}
          error={checked && problems.number}
          onChange={(event) => setNumber(event.currentTarget.value)}
        />
        <TextInput
          size="lg"
          type="datetime-local"
          label={t('addedWork.phone.calledAt')}
          value={calledAt}
          error={checked && problems.calledAt}
          onChange={(event) => setCalledAt(event.currentTarget.value)}
        />
      </SimpleGrid>
      <Text c="dimmed">{t('addedWork.phone.recordedBy', { name: recorderName })}</Text>
      <Group>
        <Button size="lg" variant="default" onClick={onCancel} disabled={saving}>
          {t('addedWork.advisor.cancel')}
        </Button>
        <Button
          size="lg"
          color={decision === 'approved' ? 'green' : 'red'}
          loading={saving}
          onClick={() => void record()}
        >
          {t(
            decision === 'approved'
              ? 'addedWork.phone.recordApproval'
              : 'addedWork.phone.recordDecline',
          )}
        </Button>
      </Group>
    </Stack>
  );
}

import { Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconPhone, IconSignature, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddedWork, ApprovalDecision, ApprovalMethod } from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import type { Author } from '../../db/record-writes.js';
import { useSaveErrorNotice } from '../../components/save-error-notice.js';
import { signCheckIn, SignaturePad, type SignatureCapture } from '../signatures/index.js';
import { recordApproval, type OrderContact } from './data.js';
import { formatYuan, totalFen } from './money.js';
import { PhoneDecisionForm, type PhoneDecision } from './phone-decision-form.js';

interface DecisionActionsProps {
  database: LaneDatabase;
  author: Author;
  recorderName: string;
  work: AddedWork;
  /** The content hash of the work as shown now: what the customer decides on. */
  contentHash: string;
  contact: OrderContact | null;
}

interface Mode {
  decision: ApprovalDecision;
  method: ApprovalMethod;
}

/** The customer's decision: signed on the tablet, or given on the phone and recorded. */
export function DecisionActions(props: DecisionActionsProps) {
  const { database, author, work, contentHash, contact } = props;
  const { t } = useTranslation();
  const showSaveError = useSaveErrorNotice();
  const [mode, setMode] = useState<Mode | null>(null);

  const decide = async (record: () => Promise<unknown>) => {
    try {
      await record();
      setMode(null);
    } catch (error) {
      showSaveError(error);
    }
  };
  const sign = (decision: ApprovalDecision) => (capture: SignatureCapture) =>
    decide(async () => {
      const signature = await signCheckIn(database, author, {
        orderId: work.orderId,
        ...capture,
        contentHash,
        supersedes: '',
        purpose: 'added-work',
        subjectRef: work.id,
      });
      await recordApproval(database, author, work.id, {
        decision,
        method: 'signature',
        signatureId: signature.id,
        contentHash,
      });
    });
  const call = (decision: ApprovalDecision) => (phone: PhoneDecision) =>
    decide(() =>
      recordApproval(database, author, work.id, {
        decision,
        method: 'phone',
        contentHash,
        ...phone,
      }),
    );

  if (!mode)
    return (
      <Group>
        <Button
          size="lg"
          color="green"
          leftSection={<IconSignature />}
          onClick={() => setMode({ decision: 'approved', method: 'signature' })}
        >
          {t('addedWork.advisor.sign')}
        </Button>
        <Button
          size="lg"
          variant="light"
          color="green"
          leftSection={<IconPhone />}
          onClick={() => setMode({ decision: 'approved', method: 'phone' })}
        >
          {t('addedWork.advisor.phone')}
        </Button>
        <Button
          size="lg"
          variant="light"
          color="red"
          leftSection={<IconX />}
          onClick={() => setMode({ decision: 'declined', method: 'signature' })}
        >
          {t('addedWork.advisor.decline')}
        </Button>
      </Group>
    );

  const total = formatYuan(totalFen(work));
  return (
    <Stack gap="sm">
      {mode.decision === 'declined' && (
        <SegmentedControl
          size="lg"
          aria-label={t('addedWork.advisor.confirmDecline')}
          value={mode.method}
          onChange={(method) => setMode({ ...mode, method: method as ApprovalMethod })}
          data={[
            { value: 'signature', label: t('addedWork.advisor.bySignature') },
            { value: 'phone', label: t('addedWork.advisor.byPhone') },
          ]}
        />
      )}
      {mode.method === 'signature' ? (
        <>
          <Text size="lg" fw={700}>
            {t(
              mode.decision === 'approved'
                ? 'addedWork.advisor.signToApprove'
                : 'addedWork.advisor.signToDecline',
              { operation: work.operation, total },
            )}
          </Text>
          <SignaturePad
            defaultSignerName={contact?.customerName ?? ''}
            onConfirm={sign(mode.decision)}
            onCancel={() => setMode(null)}
          />
        </>
      ) : (
        <PhoneDecisionForm
          key={mode.decision}
          decision={mode.decision}
          defaultName={contact?.customerName ?? ''}
          defaultNumber={contact?.phone ?? ''}
          recorderName={props.recorderName}
          onRecord={call(mode.decision)}
          onCancel={() => setMode(null)}
        />
      )}
    </Stack>
  );
}

import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AddedWork, Approval, Signature } from '../../schema/index.js';
import { approvalStanding, type ApprovalStanding } from './added-work-rules.js';
import { useDisplayName, useFormatTime } from './use-texts.js';

const STANDING_COLOURS: Record<ApprovalStanding, string> = {
  valid: 'green',
  void: 'red',
  superseded: 'gray',
};

interface ApprovalListProps {
  work: AddedWork;
  approvals: readonly Approval[];
  /** The order's added-work signatures, to name who signed. */
  signatures: readonly Signature[];
  contentHash: string | undefined;
}

/** Every decision the customer gave on this work, newest first, each with how it stands now. */
export function ApprovalList({ work, approvals, signatures, contentHash }: ApprovalListProps) {
  const { t } = useTranslation();
  const mine = approvals.filter((approval) => approval.addedWorkId === work.id).reverse();
  if (mine.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={5} size="h4">
        {t('addedWork.approvals.title')}
      </Title>
      <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
        {mine.map((approval) => (
          <ApprovalEntry
            key={approval.id}
            approval={approval}
            signature={signatures.find((signature) => signature.id === approval.signatureId)}
            standing={approvalStanding(approval, work, contentHash)}
          />
        ))}
      </Stack>
    </Stack>
  );
}

function ApprovalEntry(props: {
  approval: Approval;
  signature: Signature | undefined;
  standing: ApprovalStanding;
}) {
  const { approval, signature, standing } = props;
  const { t } = useTranslation();
  const formatTime = useFormatTime();
  const displayName = useDisplayName();
  const who = approval.method === 'phone' ? approval.approverName : signature?.signerName;
  const when = approval.method === 'phone' ? approval.calledAt : signature?.signedAt;
  return (
    <Paper component="li" withBorder p="sm" data-standing={standing}>
      <Stack gap={4}>
        <Group gap="xs">
          <Badge size="lg" tt="none" color={approval.decision === 'approved' ? 'green' : 'red'}>
            {t(`addedWork.approvals.kind.${approval.decision}-${approval.method}`)}
          </Badge>
          <Badge size="lg" tt="none" variant="light" color={STANDING_COLOURS[standing]}>
            {t(`addedWork.approvals.standing.${standing}`)}
          </Badge>
        </Group>
        <Text>
          {[
            who && t('addedWork.approvals.who', { name: who }),
            approval.phoneNumber &&
              t('addedWork.approvals.number', { number: approval.phoneNumber }),
            when && t('addedWork.approvals.when', { time: formatTime(when) }),
            t('addedWork.approvals.recordedBy', { name: displayName(approval.createdBy) }),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </Stack>
    </Paper>
  );
}

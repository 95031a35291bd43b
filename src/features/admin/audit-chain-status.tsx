import { Alert, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AuditChainVerdict, AuditSeal } from '../../schema/index.js';

/** What the chain check found, in a sentence that names the entry or the seal. */
function verdictText(t: TFunction, verdict: AuditChainVerdict): string {
  if (verdict.ok) return t('admin.audit.intact', { count: verdict.entries });
  const seq = verdict.firstBrokenSeq;
  if (verdict.problem === 'log-truncated') return t('admin.audit.problems.truncated', { seq });
  if (verdict.problem === 'seal-mismatch') return t('admin.audit.problems.mismatch', { seq });
  if (verdict.problem === 'seal-invalid') return t('admin.audit.problems.sealInvalid');
  return t('admin.audit.broken', { seq });
}

/** The last seal of the chain (written on server start, daily and by "Seal now"). */
export function AuditSealLine({ seal }: { seal: AuditSeal | null | undefined }) {
  const { t, i18n } = useTranslation();
  if (seal === undefined) return null;
  return (
    <Text c="dimmed">
      {seal
        ? t('admin.audit.lastSeal', {
            time: new Date(seal.sealedAt).toLocaleString(i18n.language),
            count: seal.entries,
            seq: seal.lastSeq,
          })
        : t('admin.audit.neverSealed')}
    </Text>
  );
}

export function AuditVerdictAlert({ verdict }: { verdict: AuditChainVerdict }) {
  const { t } = useTranslation();
  return (
    <Alert color={verdict.ok ? 'teal' : 'red'} role="status">
      {verdictText(t, verdict)}
    </Alert>
  );
}

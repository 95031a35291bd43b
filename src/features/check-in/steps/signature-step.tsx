import { Alert, Button, Stack } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useDamageMarks } from '../../damage/index.js';
import {
  checkInSignatureBlocker,
  CustomerSignature,
  useCheckInSignatureStatus,
} from '../../signatures/index.js';
import { CustomerCopyButtons } from '../../pdf/index.js';
import { useCheckInContentHash } from '../use-content-hash.js';
import { useErrorText } from '../use-error-text.js';
import type { StepProps } from '../step-context.js';

/**
 * The customer signs what the walkaround recorded. A changed order voids the
 * signature; the car goes to the workshop only with a valid one.
 */
export function SignatureStep({ database, author, order, sheet, saveOrder }: StepProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const marks = useDamageMarks(database, order.id);
  const contentHash = useCheckInContentHash(order, sheet, marks);
  const status = useCheckInSignatureStatus(database, order.id, contentHash ?? '');
  if (!contentHash) return null;
  const blocker = checkInSignatureBlocker(status.validity);
  return (
    <Stack gap="lg">
      <CustomerSignature
        database={database}
        author={author}
        orderId={order.id}
        contentHash={contentHash}
        customerName={order.customer.name}
      />
      <CustomerCopyButtons
        database={database}
        order={order}
        sheet={sheet}
        marks={marks}
        contentHash={contentHash}
      />
      {order.status === 'in-workshop' ? (
        <Alert color="teal">{t('checkIn.inWorkshop')}</Alert>
      ) : (
        <Stack gap="xs">
          {blocker && <Alert color="orange">{errorText(blocker)}</Alert>}
          <Button
            size="xl"
            rightSection={<IconArrowRight />}
            disabled={blocker !== null}
            onClick={() => void saveOrder({ status: 'in-workshop' })}
          >
            {t('checkIn.toWorkshop')}
          </Button>
        </Stack>
      )}
    </Stack>
  );
}

import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddedWork, Approval, Signature } from '../../schema/index.js';
import type { LaneDatabase } from '../../db/create-database.js';
import type { Author } from '../../db/record-writes.js';
import { useSignatures } from '../signatures/index.js';
import { useAuthor, useCurrentUser } from '../session/index.js';
import {
  ADVISOR_ROLES,
  DECIDABLE,
  hasRole,
  PRICEABLE,
  SETTLED,
  WAITING_FOR_ADVISOR,
} from './added-work-rules.js';
import { ApprovalList } from './approval-list.js';
import { useAddedWork, useApprovals, useOrderContact, type OrderContact } from './data.js';
import { DecisionActions } from './decision-actions.js';
import { PriceForm } from './price-form.js';
import { useContentHashes } from './use-content-hashes.js';
import { WorkSummary } from './work-summary.js';

interface AddedWorkForAdvisorProps {
  database: LaneDatabase;
  orderId: string;
}

/**
 * The advisor's side of the order's added work: the evidence, the price and
 * time, and the customer's decision by signature or phone. Nothing shows
 * while the workshop has not asked for any.
 */
export function AddedWorkForAdvisor({ database, orderId }: AddedWorkForAdvisorProps) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const author = useAuthor();
  const { addedWork } = useAddedWork(database, orderId);
  const approvals = useApprovals(database, orderId);
  const { signatures } = useSignatures(database, orderId, 'added-work');
  const contact = useOrderContact(database, orderId);
  const hashes = useContentHashes(addedWork);
  if (addedWork.length === 0) return null;
  const canAct = hasRole(user.role, ADVISOR_ROLES);
  const waiting = addedWork.filter((work) => WAITING_FOR_ADVISOR.includes(work.status)).length;
  return (
    <Card withBorder component="section" aria-label={t('addedWork.title')} bd="2px solid orange.4">
      <Stack gap="md">
        <Group gap="sm">
          <Title order={3}>{t('addedWork.title')}</Title>
          {waiting > 0 && (
            <Badge size="xl" color="orange" tt="none">
              {t('addedWork.badge.label', { count: waiting })}
            </Badge>
          )}
        </Group>
        {!canAct && <Alert color="gray">{t('addedWork.advisor.onlyAdvisors')}</Alert>}
        {addedWork.map((work) => (
          <AdvisorItem
            key={work.id}
            item={{ database, author, work, contact, recorderName: user.displayName }}
            approvals={approvals}
            signatures={signatures}
            contentHash={hashes.get(work.id)}
            canAct={canAct}
          />
        ))}
      </Stack>
    </Card>
  );
}

interface ItemContext {
  database: LaneDatabase;
  author: Author;
  work: AddedWork;
  contact: OrderContact | null;
  recorderName: string;
}

function AdvisorItem(props: {
  item: ItemContext;
  approvals: readonly Approval[];
  signatures: readonly Signature[];
  contentHash: string | undefined;
  canAct: boolean;
}) {
  const { item, contentHash, canAct } = props;
  const { work } = item;
  const settled = SETTLED.includes(work.status);
  return (
    <Card withBorder component="article" aria-label={work.operation} bg="gray.0">
      <Stack gap="md">
        <WorkSummary work={work} />
        {canAct && !settled && <AdvisorActions item={item} contentHash={contentHash} />}
        {canAct && settled && (
          <ChangeLater key={work.status}>
            <AdvisorActions item={item} contentHash={contentHash} />
          </ChangeLater>
        )}
        <ApprovalList
          work={work}
          approvals={props.approvals}
          signatures={props.signatures}
          contentHash={contentHash}
        />
      </Stack>
    </Card>
  );
}

function AdvisorActions({ item, contentHash }: { item: ItemContext; contentHash?: string }) {
  const { t } = useTranslation();
  const { work } = item;
  const priceKey = [work.partsFen, work.labourFen, work.minutes, work.promisedDeliveryAt].join();
  return (
    <>
      {PRICEABLE.includes(work.status) && <PriceForm key={priceKey} {...item} />}
      {work.status === 'requested' && <Text c="dimmed">{t('addedWork.advisor.priceFirst')}</Text>}
      {DECIDABLE.includes(work.status) && contentHash && (
        <DecisionActions key={contentHash} {...item} contentHash={contentHash} />
      )}
    </>
  );
}

/** Decided work keeps the screen short: its price and decision reopen on request. */
function ChangeLater({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (open) return children;
  return (
    <Group>
      <Button size="lg" variant="default" onClick={() => setOpen(true)}>
        {t('addedWork.advisor.change')}
      </Button>
    </Group>
  );
}

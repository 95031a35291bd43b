import { describe, expect, it } from 'vitest';
import { rightlyRefusedSignOffs } from '../integration/helpers/faults/sync-invariants.js';
import type { TabletSnapshot } from '../integration/helpers/faults/tablet-messages.js';
import type { OutboxEntry } from '../../src/db/outbox-schema.js';

/**
 * The fault suite's excuse for a refused sign-off is narrow: only a check
 * signed against operations the order no longer has, refused for exactly
 * that. Anything else refused stays a problem the suite reports.
 */
const order = {
  id: 'order-0001',
  operations: [
    { id: 'op-a', description: '更换机油' },
    { id: 'op-b', description: '检查刹车' },
  ],
};

function refusedSignOff(operations: { operationId: string; description: string }[], code: string) {
  const state = { id: 'sign-off-1', orderId: order.id, content: { operations } };
  const entry = {
    id: 'sign_offs:sign-off-1:1',
    collectionName: 'sign_offs',
    documentId: 'sign-off-1',
    updatedAt: 1,
    author: 'tech1',
    state: JSON.stringify(state),
    base: '',
    sent: true,
    refusedCode: code,
  } as unknown as OutboxEntry;
  return { records: {}, outbox: [entry] } satisfies TabletSnapshot;
}

describe('a sign-off the server rightly refused', () => {
  const server = { repair_orders: [order as never] };

  it('is one signed before another tablet added an operation to the order', () => {
    const stale = [{ operationId: 'op-a', description: '更换机油' }];
    expect(
      rightlyRefusedSignOffs(server, [refusedSignOff(stale, 'SIGNOFF_CONTENT_MISMATCH')]),
    ).toEqual(new Set(['sign-off-1']));
  });

  it('is not one whose operations agree with the order, nor one refused for another reason', () => {
    const current = order.operations.map(({ id, description }) => ({
      operationId: id,
      description,
    }));
    expect(
      rightlyRefusedSignOffs(server, [refusedSignOff(current, 'SIGNOFF_CONTENT_MISMATCH')]).size,
    ).toBe(0);
    const stale = [{ operationId: 'op-a', description: '更换机油' }];
    expect(rightlyRefusedSignOffs(server, [refusedSignOff(stale, 'ROLE_FORBIDDEN')]).size).toBe(0);
  });
});

/**
 * Carries out one planned user action on a tablet and writes down in the
 * ledger what the app did. An action on an order the tablet does not hold
 * yet (made elsewhere, still on its way) does nothing, as on a real tablet.
 */
import type { PlannedAction } from './scenario-plan.js';
import type { SyncLedger } from './sync-ledger.js';
import type { TabletHandle } from './tablet-handle.js';
import type { CreateOutcome, EditOutcome } from './tablet-messages.js';

export async function perform(
  tablet: TabletHandle,
  action: PlannedAction,
  ledger: SyncLedger,
): Promise<void> {
  if (action.kind === 'create') {
    const outcome = await tablet.send<CreateOutcome>({
      kind: 'createOrder',
      concern: action.concern,
    });
    ledger.recordWrite(outcome);
    if (outcome.record) ledger.orders.push(outcome.record.id);
    return;
  }
  const orderId = ledger.orders[action.order];
  if (orderId === undefined) return;
  switch (action.kind) {
    case 'edit': {
      const { path, value } = action;
      const outcome = await tablet.send<EditOutcome>({ kind: 'editOrder', orderId, path, value });
      return ledger.recordEdit(tablet.name, orderId, path, outcome);
    }
    case 'sign':
      return ledger.recordWrite(
        await tablet.send<CreateOutcome>({
          kind: 'signCheckIn',
          orderId,
          signerName: action.signerName,
        }),
      );
    case 'dispatch':
      return ledger.recordWrite(
        await tablet.send<CreateOutcome>({ kind: 'dispatch', orderId, bay: action.bay }),
      );
    case 'finding':
      return ledger.recordWrite(
        await tablet.send<CreateOutcome>({ kind: 'addFinding', orderId, text: action.text }),
      );
    case 'selfCheck':
      return ledger.recordWrite(await tablet.send<CreateOutcome>({ kind: 'selfCheck', orderId }));
  }
}

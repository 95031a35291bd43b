import { featureTexts } from '../../i18n/feature-texts.js';

/** The order's status menu and its cancellation, which keeps a reason instead of deleting. */
export const orderTexts = featureTexts(
  {
    cancel: {
      title: 'Cancel repair order {{number}}',
      explain:
        'A cancelled order is kept with its signatures and checks; nothing is deleted. Say why it is cancelled.',
      reason: 'Reason for cancelling',
      confirm: 'Cancel the order',
      back: 'Keep the order',
      cancelled: 'Cancelled: {{reason}}',
    },
    statusLocked: 'Only the service advisor changes the status here.',
  },
  {
    cancel: {
      title: '取消维修委托书 {{number}}',
      explain: '取消的委托书连同其签名和检验记录一并保留,不会删除任何内容。请填写取消原因。',
      reason: '取消原因',
      confirm: '取消委托书',
      back: '保留委托书',
      cancelled: '已取消:{{reason}}',
    },
    statusLocked: '此处状态只能由服务顾问更改。',
  },
);

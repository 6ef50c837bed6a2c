import { Switch, Text, View } from '@tarojs/components';
import { HOURS_STEP, MAX_WITHDRAWAL_HOURS } from '@shared/timebank/rules';
import { formatHours } from '@shared/timebank/ledger';
import { Field, switchLabel } from '../../components';
import { HoursStepper } from '../timebank/HoursStepper';
import type { WishDraft } from './model';

/** What the poster has in the 时间银行: the balance, and family members who accepted the link. */
export interface TimeBankChoice {
  balance: number;
  family: { id: string; name: string }[];
}

interface Props {
  choice: TimeBankChoice;
  draft: Pick<WishDraft, 'payByHours' | 'paidHours' | 'forFamilyId'>;
  error?: string;
  update: (patch: Partial<WishDraft>) => void;
}

/**
 * 用时间支付 on the post form: pay for the help with hours from the 时间银行 (held now, paid when the wish is
 * confirmed, back if it is cancelled or not approved), and post for a family member. Offered only when there are
 * hours or family to choose; the switch only when there are hours to pay with.
 */
export function PayByHours({ choice, draft, error, update }: Props) {
  const { balance, family } = choice;
  if (balance < HOURS_STEP && family.length === 0 && !draft.payByHours) return null;
  const max = Math.min(MAX_WITHDRAWAL_HOURS, Math.max(HOURS_STEP, balance));
  return (
    <View className="form-group">
      {family.length > 0 && (
        <Field label="为谁发布">
          <View className="chips">
            {[{ id: '', name: '自己' }, ...family].map((f) => (
              <Text key={f.id || 'me'} className={`chip${draft.forFamilyId === f.id ? ' chip--active' : ''}`} onClick={() => update({ forFamilyId: f.id })}>
                {f.name}
              </Text>
            ))}
          </View>
        </Field>
      )}
      {/* No hours, nothing to pay with: a switch would only lead to 时间余额不足 at submit (李桂英, posting for her daughter). */}
      {balance < HOURS_STEP && !draft.payByHours ? (
        <Text className="muted">时间银行暂无可用时间：为邻居服务并经确认后存入，才能用时间支付。</Text>
      ) : (
        <Field label={`用时间支付（时间银行可用 ${formatHours(balance)}）`} error={error} hint={draft.payByHours ? '发布时预扣，心愿确认完成后正式支付；取消或未通过审核会退回' : undefined}>
          <Switch {...switchLabel('用时间支付')} checked={draft.payByHours} color="#c8161d" onChange={(e) => update({ payByHours: e.detail.value, paidHours: Math.min(draft.paidHours, max) })} />
        </Field>
      )}
      {draft.payByHours && (
        <Field label="支付时长">
          <HoursStepper value={draft.paidHours} max={max} label="支付时长" onChange={(paidHours) => update({ paidHours })} />
        </Field>
      )}
    </View>
  );
}

import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { StaffGate } from '../../components/StaffGate';
import { StaffState } from '../../components/StaffState';
import { BannerView } from '../../components/BannerView';
import { RecallPanel, type RecallChoice } from '../../components/RecallPanel';
import { staffApi } from '../../lib/api';
import { errorText, isRace } from '../../lib/errors';
import { stateLabel } from '../../lib/format';
import type { Banner } from '../../lib/useDecisions';
import { useRemote } from '../../../../hooks/useRemote';
import { back, Routes } from '../../../../services/nav';
import { SubmitKey } from '../../../../services/requestId';
import '../../components/staff.scss';

/** Who holds the wish now, as its page names them: the claimers, or whom it was dispatched to. */
function holdersOf(detail: { wish: { claims: { assigneeId: string }[]; assignment?: { target: { id: string } } }; people: Record<string, string> }): string {
  const ids = detail.wish.claims.length > 0 ? detail.wish.claims.map((c) => c.assigneeId) : detail.wish.assignment ? [detail.wish.assignment.target.id] : [];
  const names = ids.map((id) => detail.people[id]).filter(Boolean);
  return names.length > 0 ? names.join('、') : '认领人';
}

/**
 * 收回 from the wish's own page (staff reach a stalled wish from 消息, 超时 or the map, not only from 全部心愿): the
 * board's panel for this one wish. Taken back, the wish's page is shown again as it now stands.
 */
function Recall() {
  const id = useRouter().params.id ?? '';
  const detail = useRemote(() => staffApi.detail(id), [id]);
  const [busy, setBusy] = useState(false);
  const [banner, setBanner] = useState<Banner | null>(null);
  const key = useRef(new SubmitKey());
  const open = detail.data?.actions.includes('recall') ?? false;

  const submit = async (choice: RecallChoice) => {
    if (!detail.data) return;
    setBusy(true);
    setBanner(null);
    try {
      await staffApi.recall(id, choice.reason, choice.assignTo, key.current.for(choice));
      key.current.done();
      void Taro.showToast({ title: choice.assignTo ? '已收回并重新派单' : '已收回，退回心愿池', icon: 'success' });
      back(Routes.wish(id));
    } catch (err) {
      if (isRace(err)) {
        // Someone acted first: the wish as it now stands (the panel goes if it can no longer be taken back).
        const fresh = await staffApi.detail(id).catch(() => null);
        if (fresh) detail.setData(() => fresh);
        setBanner({ tone: 'warn', text: `该心愿刚被其他人处理，当前状态：${stateLabel((fresh ?? detail.data).wish.status)}` });
      } else setBanner({ tone: 'error', text: `收回未成功：${errorText(err)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='staff-page'>
      {banner && <BannerView banner={banner} />}
      <StaffState loading={detail.loading} error={detail.error} hasData={detail.data !== undefined} empty={false} emptyText='' onRetry={() => void detail.reload()}>
        {detail.data && (
          <View className='staff-panel'>
            <Text className='staff-section-title'>{detail.data.wish.title}</Text>
            <Text className='staff-panel__label'>{`${stateLabel(detail.data.wish.status)} · ${holdersOf(detail.data)}`}</Text>
            {open ? (
              <RecallPanel wishId={id} from={holdersOf(detail.data)} busy={busy} onSubmit={(choice) => void submit(choice)} onClose={() => back(Routes.wish(id))} />
            ) : (
              <Text className='staff-panel__label'>这个心愿现在不能收回：只有还没开始服务的认领或派单可以收回。</Text>
            )}
          </View>
        )}
      </StaffState>
    </View>
  );
}

export default function RecallPage() {
  return (
    <StaffGate screen='recall'>
      <Recall />
    </StaffGate>
  );
}

import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { formatHours } from '@shared/timebank/ledger';
import { HOURS_STEP } from '@shared/timebank/rules';
import { PageState, Screen, formatTime } from '../../../../components';
import { FamilyPanel } from '../../../../features/timebank/FamilyPanel';
import { TransferForm } from '../../../../features/timebank/TransferForm';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { go, Routes } from '../../../../services/nav';

/**
 * 时间银行: my hours in the town (deposited when a service I did is confirmed), what is held for my wishes under way,
 * the history in sentences, giving hours to family, and the family links themselves.
 */
export default function TimeBankPage() {
  const page = useRemote(() => call('timebank', 'mine', {}));
  const data = page.data;
  const family = (data?.family ?? []).filter((l) => l.status === 'accepted').map((l) => ({ id: l.other.id, name: l.other.name }));

  return (
    <Screen>
      <PageState loading={page.loading} error={page.error} onRetry={page.reload}>
        {data && (
          <View>
            <View className="hero">
              <Text className="hero__title">{formatHours(data.balance)}</Text>
              <Text className="hero__sub">
                可用时间{data.held > 0 ? ` · 另有 ${formatHours(data.held)}预扣给进行中的心愿` : ''} · {data.townName}各社区通存通兑
              </Text>
            </View>
            <Text className="muted">为邻居服务并经确认后存入时间；发布心愿时可选择“用时间支付”，为自己或家人换取帮助。</Text>
            {/* Only with hours to pay: the form it opens has 用时间支付 already on (with none, it would be refused). */}
            {data.balance >= HOURS_STEP && (
              <Button className="btn" onClick={() => go(Routes.postPaying)}>
                用时间发布心愿
              </Button>
            )}

            <Text className="section-title">转给家人</Text>
            <TransferForm
              balance={data.balance}
              family={family}
              transfer={(toUserId, hours, requestId) => call('timebank', 'transfer', { toUserId, hours }, { requestId })}
              onDone={(name, hours) => {
                void Taro.showToast({ title: `已转给${name} ${formatHours(hours)}`, icon: 'none' });
                void page.reload();
              }}
            />

            <Text className="section-title">我的家人</Text>
            <FamilyPanel
              family={data.family}
              ask={(phone, relation, requestId) => call('timebank', 'askFamily', { phone, relation }, { requestId })}
              answer={(linkId, accept) => call('timebank', 'answerFamily', { linkId, accept })}
              remove={(linkId) => call('timebank', 'removeFamily', { linkId })}
              onChanged={() => void page.reload()}
            />

            <Text className="section-title">时间明细</Text>
            {data.entries.length === 0 && <Text className="muted">还没有记录。完成心愿并经居民确认后，服务时长会存入这里。</Text>}
            {data.entries.map((e) => (
              <View key={e.id} className="card">
                <View className="row row--between">
                  <Text>{e.text}</Text>
                  <Text className="card__title">{e.hours > 0 ? `+${e.hours}` : e.hours === 0 ? '—' : e.hours}</Text>
                </View>
                <Text className="card__meta">{formatTime(e.at)}</Text>
              </View>
            ))}
          </View>
        )}
      </PageState>
    </Screen>
  );
}

import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { RoleLabels } from '@shared/vocab';
import { call } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';
import '../../../features/wish/CallListCard.scss';

/** 正在值班: helpers on duty now by their own rosters, with a tap to phone them (urgent wishes can't wait for the system). */
export function OnDutyCard() {
  const onDuty = useRemote(() => call('org', 'onDuty', {}), []);
  if (onDuty.error) return null;
  const items = onDuty.data?.items ?? [];
  return (
    <View className='call-list call-list--page'>
      <Text className='staff-section-title'>正在值班（{items.length} 人）</Text>
      {onDuty.loading && <Text className='call-list__muted'>正在加载…</Text>}
      {!onDuty.loading && items.length === 0 && <Text className='call-list__muted'>现在没有人在值班时段内。志愿者可在「我的 · 值班时间」设置。</Text>}
      {items.map((h) => (
        <View key={h.id} className='call-list__row'>
          <View>
            <Text className='call-list__name'>
              {h.name}
              {h.urgentAlerts && <Text className='tag tag--urgent'>接收紧急</Text>}
            </Text>
            <Text className='call-list__muted'>
              {h.roles.map((r) => RoleLabels[r]).join('、')} · {h.hours.length ? h.hours.join('；') : '随时可联系'}
            </Text>
          </View>
          {h.phone && (
            <View className='call-list__call' role='button' aria-label={`拨打${h.name}的电话`} onClick={() => void Taro.makePhoneCall({ phoneNumber: h.phone! })}>
              拨打
            </View>
          )}
        </View>
      ))}
    </View>
  );
}

import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { RoleLabels } from '@shared/vocab';
import { call } from '../../services/api';
import { useRemote } from '../../hooks/useRemote';
import './CallListCard.scss';

function CallButton({ name, phone }: { name: string; phone?: string }) {
  if (!phone) return null;
  return (
    <View className='call-list__call' role='button' aria-label={`拨打${name}的电话`} onClick={() => void Taro.makePhoneCall({ phoneNumber: phone })}>
      拨打
    </View>
  );
}

/**
 * 一键呼叫 on an urgent wish, for its community's staff: whom to phone while the system waits — helpers free to take it
 * (on duty first, then nearest), the grid worker of its grid, the unit it went to. The server decides who gets numbers.
 */
export function CallListCard({ wishId }: { wishId: string }) {
  const list = useRemote(() => call('dispatch', 'callList', { wishId }), [wishId]);
  if (list.error) return null;
  const data = list.data;
  return (
    <View className='card call-list'>
      <Text className='card__title'>紧急联系（一键呼叫）</Text>
      {list.loading && <Text className='call-list__muted'>正在查找附近可联系的人…</Text>}
      {data?.gridWorker && (
        <View className='call-list__row'>
          <View>
            <Text className='call-list__name'>{data.gridWorker.name}</Text>
            <Text className='call-list__muted'>网格员{data.gridWorker.gridName ? ` · ${data.gridWorker.gridName}` : ''}</Text>
          </View>
          <CallButton name={data.gridWorker.name} phone={data.gridWorker.phone} />
        </View>
      )}
      {data?.unit && (
        <View className='call-list__row'>
          <View>
            <Text className='call-list__name'>{data.unit.contactName ?? data.unit.name}</Text>
            <Text className='call-list__muted'>派单单位 · {data.unit.name}</Text>
          </View>
          <CallButton name={data.unit.contactName ?? data.unit.name} phone={data.unit.contactPhone} />
        </View>
      )}
      {data && data.helpers.length === 0 && (
        <Text className='call-list__muted'>{data.radiusM / 1000} 公里内暂无可接单的志愿者或党员（已满 {data.maxOpenTasks} 单的不列出）。</Text>
      )}
      {data?.helpers.map((h) => (
        <View key={h.id} className='call-list__row'>
          <View>
            <Text className='call-list__name'>
              {h.name}
              {h.onDuty && <Text className='tag tag--urgent'>值班中</Text>}
            </Text>
            <Text className='call-list__muted'>
              {h.roles.map((r) => RoleLabels[r]).join('、')}
              {h.distanceM !== undefined ? ` · 约 ${h.distanceM} 米` : ''} · 手上 {h.load} 单
            </Text>
          </View>
          <CallButton name={h.name} phone={h.phone} />
        </View>
      ))}
    </View>
  );
}

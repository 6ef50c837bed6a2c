import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Categories, CategoryLabels, MapStateLabels, MapStates } from '@shared/vocab';
import type { Category, MapState } from '@shared/vocab';
import { Pages, link, to } from '@shared/routes';
import { StaffGate } from '../../components/StaffGate';
import { StaffState } from '../../components/StaffState';
import { ChipGroup } from '../../components/ChipGroup';
import { CommunityFilter } from '../../components/CommunityFilter';
import { MapSurface } from '../../components/MapSurface';
import { staffApi } from '../../lib/api';
import { ageText } from '../../lib/format';
import { byNeed, dotLabel, Legend, StateColours, type GridMapReply, type MapDot } from '../../lib/gridMap';
import { useActiveRole } from '../../lib/session';
import { useRemote } from '../../../../hooks/useRemote';
import { isWeapp } from '../../../../services/platform';
import '../../components/staff.scss';
import './index.scss';

const ALL = 'all';
const categoryOptions = [{ value: ALL, label: '全部' }, ...Categories.map((c) => ({ value: c, label: CategoryLabels[c] }))];

/** Several kinds at once (the map is for seeing them side by side); the last one stays on. */
function StateToggles({ value, onChange }: { value: readonly MapState[]; onChange: (next: MapState[]) => void }) {
  return (
    <View className='staff-chips' role='group' aria-label='状态'>
      {MapStates.map((s) => {
        const on = value.includes(s);
        return (
          <View
            key={s}
            role='checkbox'
            aria-checked={on}
            className={`staff-chip${on ? ' staff-chip--on' : ''}`}
            onClick={() => {
              const next = on ? value.filter((v) => v !== s) : MapStates.filter((m) => m === s || value.includes(m));
              if (next.length > 0) onChange(next);
            }}
          >
            <Text className='staff-map__swatch' style={{ background: StateColours[s] }} />
            {MapStateLabels[s]}
          </View>
        );
      })}
    </View>
  );
}

function Counts({ map }: { map: GridMapReply }) {
  const rows = [
    ...map.grids.map((g) => ({ key: g.id, name: g.name, counts: g.counts })),
    ...(map.ungridded.open + map.ungridded.claimed + map.ungridded.stalled > 0 ? [{ key: 'none', name: '未划入网格', counts: map.ungridded }] : []),
  ];
  return (
    <View className='staff-map__table' role='table' aria-label='各网格心愿数'>
      <View className='staff-map__row staff-map__row--head' role='row'>
        <View role='columnheader'>网格</View>
        {MapStates.map((s) => (
          <View key={s} role='columnheader'>{MapStateLabels[s]}</View>
        ))}
      </View>
      {rows.map((r) => (
        <View key={r.key} className='staff-map__row' role='row'>
          <View role='cell'>{r.name}</View>
          {MapStates.map((s) => (
            <View key={s} role='cell' className={s === 'stalled' && r.counts[s] > 0 ? 'staff-map__hot' : undefined}>
              {r.counts[s]}
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}

function Picked({ dot }: { dot: MapDot }) {
  return (
    <View className='staff-panel staff-map__picked' aria-live='polite'>
      <Text className='staff-map__picked-title'>
        {dot.priority === 'urgent' && <Text className='staff-map__urgent'>紧急</Text>}
        {dot.title}
      </Text>
      <Text className='staff-map__picked-meta'>
        {dot.number && `${dot.number} · `}{MapStateLabels[dot.state]} · {CategoryLabels[dot.category]} · {ageText(dot.since)}
        {!dot.exact && ' · 位置约 100 米'}
      </Text>
      <Button className='staff-btn staff-btn--primary' size='mini' onClick={() => void Taro.navigateTo({ url: to(link(Pages.wish, { id: dot.id })) })}>
        查看心愿
      </Button>
    </View>
  );
}

function GridMap() {
  const town = useActiveRole() === 'town_admin';
  const [states, setStates] = useState<MapState[]>([...MapStates]);
  const [category, setCategory] = useState<Category | typeof ALL>(ALL);
  const [communityId, setCommunityId] = useState<string>();
  const [selected, setSelected] = useState<string>();
  const all = states.length === MapStates.length;
  const map = useRemote(
    () => staffApi.map({ ...(all ? {} : { states }), ...(category === ALL ? {} : { category }), ...(communityId ? { communityId } : {}) }),
    [states.join(','), category, communityId],
  );
  // Back from a wish (claimed, dispatched meanwhile): the map shows it as it stands now.
  useDidShow(() => void map.reload());
  usePullDownRefresh(() => void map.reload().finally(() => Taro.stopPullDownRefresh()));

  const data = map.data;
  const dots = [...(data?.points ?? [])].sort(byNeed);
  const picked = dots.find((d) => d.id === selected);
  return (
    <View className='staff-page staff-map'>
      <View className='staff-map__filters'>
        {town && <CommunityFilter value={communityId} onChange={setCommunityId} />}
        <StateToggles value={states} onChange={setStates} />
        <ChipGroup label='类别' options={categoryOptions} value={category} onChange={(v) => setCategory(v as Category | typeof ALL)} />
      </View>
      <StaffState loading={map.loading} error={map.error} hasData={data !== undefined} empty={false} emptyText='' onRetry={() => void map.reload()}>
        {data && (
          <>
            <View className='staff-map__summary' role='status'>
              {MapStates.filter((s) => states.includes(s)).map((s) => (
                <Text key={s} className='staff-map__total'>
                  <Text className='staff-map__swatch' style={{ background: StateColours[s] }} />
                  {MapStateLabels[s]} {data.counts[s]}
                </Text>
              ))}
              <Button className='staff-btn staff-btn--ghost' size='mini' onClick={() => void map.reload()}>
                刷新
              </Button>
            </View>
            {data.truncated && <Text className='staff-map__note'>心愿较多，地图只画出了其中一部分；请按状态或类别筛选。</Text>}
            <View className='staff-map__canvas'>
              <MapSurface tiles={data.tiles} map={data} selected={selected} onSelect={setSelected} />
            </View>
            {!isWeapp && !data.tiles && <Text className='staff-map__note'>示意图：按网格边界绘制，未接入地图底图。</Text>}
            <View className='staff-map__legend' aria-label='图例'>
              {Legend.map((l) => (
                <Text key={l.state} className='staff-map__legend-item'>
                  <Text className='staff-map__swatch' style={{ background: l.colour }} />
                  {l.label}
                </Text>
              ))}
              <Text className='staff-map__legend-item'>
                <Text className='staff-map__urgent'>急</Text>紧急
              </Text>
              <Text className='staff-map__legend-item'>网格底色越深，等待的心愿越多</Text>
            </View>
            {picked && <Picked dot={picked} />}
            <Counts map={data} />
            <Text className='staff-section-title'>心愿（{dots.length}）</Text>
            {dots.length === 0 && <Text className='staff-map__note'>当前筛选下没有心愿</Text>}
            {dots.map((d) => (
              <View
                key={d.id}
                role='button'
                aria-label={dotLabel(d)}
                className={`staff-map__item${d.id === selected ? ' staff-map__item--on' : ''}`}
                onClick={() => setSelected(d.id)}
              >
                <Text className='staff-map__swatch' style={{ background: StateColours[d.state] }} />
                {d.priority === 'urgent' && <Text className='staff-map__urgent'>急</Text>}
                <Text className='staff-map__item-title'>{d.title}</Text>
                <Text className='staff-map__item-state'>{MapStateLabels[d.state]}</Text>
              </View>
            ))}
          </>
        )}
      </StaffState>
    </View>
  );
}

export default function GridMapPage() {
  return (
    <StaffGate screen='map'>
      <GridMap />
    </StaffGate>
  );
}

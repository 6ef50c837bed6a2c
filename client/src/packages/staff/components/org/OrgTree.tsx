import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { orgApi } from '../../lib/api';
import { useRemote } from '../../../../hooks/useRemote';
import { StaffState } from '../StaffState';
import { ChipGroup } from '../ChipGroup';
import { AddByName } from './AddByName';
import { PartyTree } from './PartyTree';
import { OutlineEditor } from './OutlineEditor';

/** 小区 → 楼栋, 网格 with their 网格员, and the party tree 镇党委 → 社区党总支 → 小区党支部 → 楼栋党小组 (PartyTree). */
export function OrgTree() {
  const tree = useRemote(async () => {
    const [compounds, buildings, grids, branches, gridWorkers, units] = await Promise.all([
      orgApi.compounds(),
      orgApi.buildings(),
      orgApi.grids(),
      orgApi.partyBranches(),
      orgApi.members({ role: 'grid_worker', limit: 50 }).catch(() => ({ items: [] })),
      orgApi.units().catch(() => ({ items: [] })),
    ]);
    return {
      compounds: compounds.items,
      buildings: buildings.items,
      grids: grids.items,
      tiles: grids.tiles,
      branches: branches.items,
      units: units.items,
      workerName: new Map(gridWorkers.items.map((m) => [m.user.id, m.user.name])),
    };
  }, []);
  const [compoundId, setCompoundId] = useState<string | null>(null);
  /** The grid whose outline is being drawn. */
  const [drawing, setDrawing] = useState<string | null>(null);
  const t = tree.data;

  return (
    <StaffState
      loading={tree.loading}
      error={tree.error}
      hasData={!!t}
      empty={false}
      emptyText=''
      onRetry={() => void tree.reload()}
    >
      {t && (
        <>
          <View className='staff-card'>
            <Text className='staff-card__title'>小区与楼栋</Text>
            {t.compounds.length === 0 && <Text className='staff-chart__empty'>还没有小区，请先添加</Text>}
            {t.compounds.map((c) => {
              const inside = t.buildings.filter((b) => b.compoundId === c.id);
              return (
                <View key={c.id} className='staff-org__group'>
                  <Text className='staff-org__name'>{c.name}</Text>
                  <Text className='staff-org__sub'>{inside.length > 0 ? inside.map((b) => b.name).join('、') : '暂无楼栋'}</Text>
                </View>
              );
            })}
            <AddByName placeholder='新增小区名称' onSave={(name) => orgApi.saveCompound({ name }).then(() => tree.reload())} />
            {t.compounds.length > 0 && (
              <>
                <Text className='staff-panel__label'>为小区添加楼栋</Text>
                <ChipGroup
                  label='选择小区'
                  options={t.compounds.map((c) => ({ value: c.id, label: c.name }))}
                  value={compoundId}
                  onChange={setCompoundId}
                />
                {compoundId && (
                  <AddByName
                    placeholder='新增楼栋名称，如：3栋'
                    onSave={(name) => orgApi.saveBuilding({ compoundId, name }).then(() => tree.reload())}
                  />
                )}
              </>
            )}
          </View>
          <View className='staff-card'>
            <Text className='staff-card__title'>网格</Text>
            {t.grids.length === 0 && <Text className='staff-chart__empty'>还没有网格</Text>}
            {t.grids.map((g) => (
              <View key={g.id} className='staff-org__group'>
                <View className='staff-org__member'>
                  <Text className='staff-org__name'>{g.name}</Text>
                  {drawing !== g.id && (
                    <View className='staff-link' role='button' aria-label={`${g.boundary ? '修改' : '画'}${g.name}的边界`} onClick={() => setDrawing(g.id)}>
                      {g.boundary ? '修改边界' : '画边界'}
                    </View>
                  )}
                </View>
                <Text className='staff-org__sub'>
                  网格员：{(g.gridWorkerId && t.workerName.get(g.gridWorkerId)) || '未指定'} · 楼栋 {g.buildingIds?.length ?? 0} 栋
                </Text>
                <Text className='staff-org__sub'>{g.boundary ? `地图边界：${g.boundary.length} 个顶点` : '地图边界：未画'}</Text>
                {drawing === g.id && (
                  <OutlineEditor
                    grid={g}
                    grids={t.grids}
                    buildings={t.buildings}
                    tiles={t.tiles}
                    onClose={() => setDrawing(null)}
                    onSaved={() => {
                      setDrawing(null);
                      void tree.reload();
                    }}
                  />
                )}
              </View>
            ))}
            <AddByName placeholder='新增网格名称' onSave={(name) => orgApi.saveGrid({ name }).then(() => tree.reload())} />
          </View>
          <PartyTree branches={t.branches} units={t.units} onChanged={() => tree.reload()} />
        </>
      )}
    </StaffState>
  );
}

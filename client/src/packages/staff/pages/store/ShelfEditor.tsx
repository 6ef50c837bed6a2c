import { useState } from 'react';
import { Button, Input, Switch, Text, View } from '@tarojs/components';
import { StoreItemInput } from '@shared/actions/points';
import type { StoreItemView } from '@shared/actions/outputs';
import { Field } from '../../../../components';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { useCheckedSubmit } from '../../lib/useCheckedSubmit';
import { FieldError } from '../../components/PanelParts';
import { StaffState } from '../../components/StaffState';

interface Draft { itemId?: string; name: string; description: string; cost: string; stock: string; active: boolean }
const blank: Draft = { name: '', description: '', cost: '', stock: '', active: true };
const draftOf = (i: StoreItemView): Draft => ({ itemId: i.id, name: i.name, description: i.description ?? '', cost: String(i.cost), stock: String(i.stock), active: i.active });

/** The secretary's shelf: what is on offer, the points each costs and how many are left; add, edit, take off. */
export function ShelfEditor() {
  const shelf = useRemote(() => call('points', 'catalogue', {}).then((r) => r.items));
  const [draft, setDraft] = useState<Draft | null>(null);
  const { errors, error, busy, submit } = useCheckedSubmit(StoreItemInput);

  const save = async () => {
    if (!draft) return;
    const input = {
      ...(draft.itemId ? { itemId: draft.itemId } : {}),
      name: draft.name,
      ...(draft.description.trim() ? { description: draft.description } : {}),
      cost: draft.cost.trim() === '' ? Number.NaN : Number(draft.cost),
      stock: draft.stock.trim() === '' ? Number.NaN : Number(draft.stock),
      active: draft.active,
    };
    await submit(input, async () => {
      await call('points', 'saveItem', input);
      setDraft(null);
      await shelf.reload();
    });
  };

  return (
    <View className='staff-panel'>
      <Text className='staff-section-title'>物品与库存</Text>
      {draft ? (
        <View>
          <Field label='物品名称' required error={errors.name}>
            <Input className='staff-input' aria-label='物品名称' value={draft.name} maxlength={20} onInput={(e) => setDraft({ ...draft, name: e.detail.value })} />
          </Field>
          <Field label='说明' error={errors.description} hint='规格、领取时间等'>
            <Input className='staff-input' aria-label='说明' value={draft.description} onInput={(e) => setDraft({ ...draft, description: e.detail.value })} />
          </Field>
          <Field label='所需积分' required error={errors.cost}>
            <Input className='staff-input' type='number' aria-label='所需积分' value={draft.cost} onInput={(e) => setDraft({ ...draft, cost: e.detail.value })} />
          </Field>
          <Field label='库存（件）' required error={errors.stock}>
            <Input className='staff-input' type='number' aria-label='库存' value={draft.stock} onInput={(e) => setDraft({ ...draft, stock: e.detail.value })} />
          </Field>
          <View className='row row--between'>
            <Text>上架（志愿者可兑换）</Text>
            <Switch checked={draft.active} color='#c8161d' onChange={(e) => setDraft({ ...draft, active: e.detail.value })} />
          </View>
          <FieldError error={error} />
          <View className='staff-actions'>
            <Button className='staff-btn staff-btn--primary' aria-busy={busy} disabled={busy} onClick={() => void save()}>
              保存
            </Button>
            <Button className='staff-btn' disabled={busy} onClick={() => setDraft(null)}>
              取消
            </Button>
          </View>
        </View>
      ) : (
        <Button className='staff-btn staff-btn--primary' onClick={() => setDraft(blank)}>
          添加物品
        </Button>
      )}
      <StaffState
        loading={shelf.loading}
        error={shelf.error}
        hasData={shelf.data !== undefined}
        empty={(shelf.data ?? []).length === 0}
        emptyText='还没有物品，点“添加物品”上架第一件'
        onRetry={() => void shelf.reload()}
      >
        {(shelf.data ?? []).map((i) => (
          <View key={i.id} className='card' role='button' onClick={() => setDraft(draftOf(i))}>
            <View className='row row--between'>
              <Text className='card__title'>{i.name}</Text>
              <Text>{i.cost} 积分</Text>
            </View>
            <Text className='card__meta'>
              库存 {i.stock} 件{i.active ? '' : ' · 已下架'} · 点按修改
            </Text>
          </View>
        ))}
      </StaffState>
    </View>
  );
}

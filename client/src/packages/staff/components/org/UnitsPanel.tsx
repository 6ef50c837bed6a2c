import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { UnitKindLabels, UnitKinds, UnitLevelLabels, UnitLevels } from '@shared/vocab';
import type { UnitKind, UnitLevel } from '@shared/vocab';
import { SaveUnitInput } from '@shared/actions';
import { Field } from '../../../../components';
import { orgApi } from '../../lib/api';
import { useCheckedSubmit } from '../../lib/useCheckedSubmit';
import { FieldError } from '../PanelParts';
import { useRemote } from '../../../../hooks/useRemote';
import { StaffState } from '../StaffState';
import { ChipGroup } from '../ChipGroup';

const kinds = UnitKinds.map((k) => ({ value: k, label: UnitKindLabels[k] }));
const levels = UnitLevels.map((l) => ({ value: l, label: UnitLevelLabels[l] }));
const blank = { name: '', kind: 'enterprise' as UnitKind, level: 'community' as UnitLevel, contactName: '', contactPhone: '' };

/** 共驻共建单位: who can take dispatched wishes as a unit, and how to reach them. */
export function UnitsPanel() {
  const units = useRemote(() => orgApi.units().then((r) => r.items), []);
  const [form, setForm] = useState(blank);
  const { errors, error, busy, submit } = useCheckedSubmit(SaveUnitInput);
  const [note, setNote] = useState<string | null>(null);

  const save = async () => {
    const payload = {
      name: form.name,
      kind: form.kind,
      ...(form.level !== 'community' ? { level: form.level } : {}),
      ...(form.contactName.trim() ? { contactName: form.contactName } : {}),
      ...(form.contactPhone.trim() ? { contactPhone: form.contactPhone } : {}),
    };
    setNote(null);
    await submit(payload, async () => {
      await orgApi.saveUnit(payload);
      setForm(blank);
      setNote(`已添加共建单位「${payload.name.trim()}」`);
      await units.reload();
    });
  };

  const list = units.data ?? [];
  return (
    <>
      <StaffState
        loading={units.loading}
        error={units.error}
        hasData={units.data !== undefined}
        empty={list.length === 0}
        emptyText='还没有共建单位'
        onRetry={() => void units.reload()}
      >
        <View className='staff-card'>
          <Text className='staff-card__title'>共驻共建单位（{list.length}）</Text>
          {list.map((u) => (
            <View key={u.id} className='staff-org__group'>
              <Text className='staff-org__name'>{u.name}</Text>
              <Text className='staff-org__sub'>
                {(u.kind && UnitKindLabels[u.kind as UnitKind]) || '其他'}
                {u.level && u.level !== 'community' ? ` · ${UnitLevelLabels[u.level]}` : ''}
                {u.contactName ? ` · 联系人：${u.contactName}` : ''}
                {u.contactPhone ? ` ${u.contactPhone}` : ''}
              </Text>
            </View>
          ))}
        </View>
      </StaffState>
      <View className='staff-card'>
        <Text className='staff-card__title'>新增共建单位</Text>
        {note && <View className='staff-banner staff-banner--info'>{note}</View>}
        <FieldError error={error && `保存未成功：${error}`} />
        <Field label='单位名称' required error={errors.name}>
          <Input className='staff-input' aria-label='单位名称' value={form.name} onInput={(e) => setForm({ ...form, name: e.detail.value })} />
        </Field>
        <Field label='单位类型' required error={errors.kind}>
          <ChipGroup label='单位类型' options={kinds} value={form.kind} onChange={(kind) => setForm({ ...form, kind })} />
        </Field>
        {/* A town- or county-level unit also takes what the town's 督办 sends it from the town's other communities. */}
        <Field label='服务范围' error={errors.level}>
          <ChipGroup label='服务范围' options={levels} value={form.level} onChange={(level) => setForm({ ...form, level })} />
        </Field>
        <Field label='联系人' error={errors.contactName}>
          <Input className='staff-input' aria-label='联系人' value={form.contactName} onInput={(e) => setForm({ ...form, contactName: e.detail.value })} />
        </Field>
        <Field label='联系电话' error={errors.contactPhone}>
          <Input className='staff-input' aria-label='单位联系电话' value={form.contactPhone} onInput={(e) => setForm({ ...form, contactPhone: e.detail.value })} />
        </Field>
        <Button className='staff-btn staff-btn--primary' aria-busy={busy} disabled={busy} onClick={() => void save()}>
          保存单位
        </Button>
      </View>
    </>
  );
}

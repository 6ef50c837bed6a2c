import { useState } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { PublishActivityInput } from '@shared/actions/activities';
import type { ActivityView, Wire } from '@shared/actions/outputs';
import { ActivityCategories, ActivityCategoryLabels, type ActivityCategory } from '@shared/vocab/activities';
import { Field } from '../../../../components';
import { call } from '../../../../services/api';
import { useCheckedSubmit } from '../../lib/useCheckedSubmit';
import { FieldError } from '../../components/PanelParts';
import { chinaDayOf, chinaInstant } from './dates';

interface Draft { title: string; category: ActivityCategory; description: string; place: string; day: string; from: string; to: string; places: string; organizer: string }

/** Publish a 集体活动: what, where, which day from when to when, how many places, who runs it. Checked here as the server will. */
export function ActivityForm({ organizer, onPublished, onClose }: { organizer: string; onPublished: (a: Wire<ActivityView>) => void; onClose: () => void }) {
  const [draft, setDraft] = useState<Draft>({
    title: '', category: 'environment', description: '', place: '', day: chinaDayOf(new Date(Date.now() + 86_400_000)), from: '08:30', to: '11:30', places: '20', organizer,
  });
  const { errors, setErrors, error, busy, submit } = useCheckedSubmit(PublishActivityInput);
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });

  const publish = async () => {
    const startAt = chinaInstant(draft.day, draft.from);
    const endAt = chinaInstant(draft.day, draft.to);
    if (!startAt || !endAt) return setErrors({ startAt: '请按 2026-12-12 和 08:30 的格式填写日期和时间' });
    const input = {
      title: draft.title, category: draft.category, description: draft.description, place: draft.place, startAt, endAt,
      places: draft.places.trim() === '' ? Number.NaN : Number(draft.places), organizer: draft.organizer,
    };
    await submit(input, async () => onPublished((await call('activities', 'publish', input)).activity));
  };

  return (
    <View className='staff-panel'>
      <Text className='staff-section-title'>发布活动</Text>
      <Field label='活动名称' required error={errors.title}>
        <Input className='staff-input' aria-label='活动名称' placeholder='如：滨江广场环境卫生整治' value={draft.title} maxlength={40} onInput={(e) => set({ title: e.detail.value })} />
      </Field>
      <Field label='活动类型' required error={errors.category}>
        <View className='chips'>
          {ActivityCategories.map((c) => (
            <Text key={c} className={`chip${draft.category === c ? ' chip--active' : ''}`} onClick={() => set({ category: c })}>
              {ActivityCategoryLabels[c]}
            </Text>
          ))}
        </View>
      </Field>
      <Field label='活动内容' required error={errors.description} hint='做什么、穿戴和携带什么'>
        <Textarea className='staff-input' aria-label='活动内容' value={draft.description} maxlength={500} onInput={(e) => set({ description: e.detail.value })} />
      </Field>
      <Field label='集合地点' required error={errors.place}>
        <Input className='staff-input' aria-label='集合地点' value={draft.place} maxlength={60} onInput={(e) => set({ place: e.detail.value })} />
      </Field>
      <Field label='日期' required error={errors.startAt}>
        <Input className='staff-input' aria-label='日期' placeholder='2026-12-12' value={draft.day} onInput={(e) => set({ day: e.detail.value })} />
      </Field>
      <View className='row'>
        <Field label='开始' required>
          <Input className='staff-input' aria-label='开始时间' placeholder='08:30' value={draft.from} onInput={(e) => set({ from: e.detail.value })} />
        </Field>
        <Field label='结束' required error={errors.endAt}>
          <Input className='staff-input' aria-label='结束时间' placeholder='11:30' value={draft.to} onInput={(e) => set({ to: e.detail.value })} />
        </Field>
      </View>
      <Field label='名额' required error={errors.places}>
        <Input className='staff-input' type='number' aria-label='名额' value={draft.places} onInput={(e) => set({ places: e.detail.value })} />
      </Field>
      <Field label='组织单位' required error={errors.organizer}>
        <Input className='staff-input' aria-label='组织单位' value={draft.organizer} maxlength={40} onInput={(e) => set({ organizer: e.detail.value })} />
      </Field>
      <FieldError error={error} />
      <View className='staff-actions'>
        <Button className='staff-btn staff-btn--primary' aria-busy={busy} disabled={busy} onClick={() => void publish()}>
          发布
        </Button>
        <Button className='staff-btn' disabled={busy} onClick={onClose}>
          取消
        </Button>
      </View>
    </View>
  );
}

import { lazy, memo, Suspense } from 'react';
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { ChannelLabels, PriorityLabels, Priorities, ProxyChannels } from '@shared/vocab';
import { Limits } from '@shared/vocab/limits';
import { chinaDate } from '@shared/time';
import type { Category } from '@shared/vocab/categories';
import { urgencySign, urgencySignText } from '@shared/lifecycle/urgency';
import { CategoryGrid, Field } from '../../../components';
import { PhotoPicker } from '../../../components/PhotoPicker';
import { VoiceRecorder as VoiceRecorderNow } from '../../../features/post/VoiceRecorder';
import { Periods } from '../lib/proxyForm';
import type { DraftErrors, Period, ProxyDraft } from '../lib/proxyForm';
import { ChipGroup } from './ChipGroup';
import { LocationField } from './LocationField';
import { useBelowFold } from '../../../hooks/useBelowFold';

interface Props {
  draft: ProxyDraft;
  errors: DraftErrors;
  onChange: (patch: Partial<ProxyDraft>) => void;
}

const channels = ProxyChannels.filter((c) => c !== 'miniprogram').map((c) => ({ value: c, label: ChannelLabels[c] }));
const priorities = Priorities.map((p) => ({ value: p, label: PriorityLabels[p] }));
const periods = (Object.keys(Periods) as Period[]).map((p) => ({ value: p, label: Periods[p] }));

/**
 * The resident's own recorder (one component for both forms). In the browser it comes in a chunk of its own just
 * after the page has drawn, so the proxy page's first load is no heavier; the mini-program has it in its package.
 */
const VoiceRecorder =
  process.env.TARO_ENV === 'h5' ? lazy(() => import('../../../features/post/VoiceRecorder').then((m) => ({ default: m.VoiceRecorder }))) : VoiceRecorderNow;
const VoiceHint = `请居民对着手机说出心愿：按住说话，最长 ${Limits.voiceSeconds} 秒；提交后可在审核队列整理语音`;

/** China's calendar date; the picker starts at today so a past visit cannot be asked for. */
function today(): string {
  return chinaDate(new Date());
}

type TextKey = 'residentName' | 'residentPhone' | 'title' | 'description' | 'address';

/** The typed fields; each is labelled for screen readers by its own label. */
const TextFields: Record<TextKey, { label: string; placeholder: string; maxlength?: number; required?: boolean; hint?: string; multiline?: boolean }> = {
  residentName: { label: '居民姓名', placeholder: '如：王秀英', maxlength: Limits.name, required: true },
  residentPhone: { label: '联系电话', placeholder: '如：13812345678', hint: '手机号或带区号的固定电话，仅认领人和社区可见' },
  title: { label: '心愿标题', placeholder: '一句话说明，如：接送去卫生院打疫苗', maxlength: Limits.title, required: true },
  description: { label: '详细描述', placeholder: '需要什么帮助、什么时间方便、有什么要注意的', maxlength: Limits.description, required: true, multiline: true },
  address: { label: '详细地址', placeholder: '如：香城苑3栋2单元501', maxlength: Limits.address },
};

const afterSubmit = [
  { value: 'review', label: '进入待审核' },
  { value: 'now', label: '直接通过发布' },
] as const;

/** The resident's wish form plus who it is for and how it reached us. */
export function ProxyForm({ draft, errors, onChange }: Props) {
  const sign = urgencySign(`${draft.title} ${draft.description}`);
  const below = useBelowFold();
  // Each typed field is memoised on its value (onChange is the form's one update): a keystroke redraws the field it
  // changes, not the whole form.
  const text = (key: TextKey) => (
    <TextPart name={key} value={draft[key]} error={errors[key]} spoken={!!draft.voice && (key === 'title' || key === 'description')} onChange={onChange} />
  );

  return (
    <View className='staff-form'>
      <Field label='来源渠道' required error={errors.channel}>
        <ChipGroup label='来源渠道' options={channels} value={draft.channel} onChange={(channel) => onChange({ channel })} />
      </Field>
      {text('residentName')}
      {text('residentPhone')}
      <CategoryPart category={draft.category ?? undefined} error={errors.category} onChange={onChange} />
      {text('title')}
      {text('description')}
      {/* Below the fold on a phone: drawn a task after the first screenful (hooks/useBelowFold). */}
      {below && (
        <>
          <Field label='语音（可代替文字）' error={errors.voice}>
            <Suspense fallback={<View className='hold'><Text>按住 说话</Text></View>}>
              <VoiceRecorder value={draft.voice} hint={VoiceHint} playerLabel='录下的语音' onChange={(voice) => onChange({ voice })} />
            </Suspense>
          </Field>
          <PhotosPart photos={draft.photos} error={errors.photos} onChange={onChange} />
          <Field label='服务地点' required error={errors.location}>
            <LocationField draft={draft} onChange={onChange} />
          </Field>
          {text('address')}
          <Field label='希望时间' error={errors.preferredDate} hint='不填表示时间不限'>
            <View className='staff-actions staff-actions--start'>
              <Picker mode='date' value={draft.preferredDate} start={today()} onChange={(e) => onChange({ preferredDate: String(e.detail.value) })}>
                <Button className='staff-btn staff-btn--ghost' size='mini'>
                  {draft.preferredDate || '选择日期'}
                </Button>
              </Picker>
              {draft.preferredDate && (
                <Text className='staff-link' onClick={() => onChange({ preferredDate: '', preferredPeriod: null })}>
                  不限时间
                </Text>
              )}
            </View>
            {draft.preferredDate && (
              <ChipGroup label='时段' options={periods} value={draft.preferredPeriod} onChange={(preferredPeriod) => onChange({ preferredPeriod })} />
            )}
          </Field>
          <Field label='需要人数' error={errors.helpersNeeded}>
            <View className='staff-stepper'>
              <Button
                className='staff-btn staff-btn--ghost'
                size='mini'
                aria-label='减少人数'
                disabled={draft.helpersNeeded <= 1}
                onClick={() => onChange({ helpersNeeded: Math.max(1, draft.helpersNeeded - 1) })}
              >
                −
              </Button>
              <Text className='staff-stepper__value'>{draft.helpersNeeded} 人</Text>
              <Button
                className='staff-btn staff-btn--ghost'
                size='mini'
                aria-label='增加人数'
                disabled={draft.helpersNeeded >= 10}
                onClick={() => onChange({ helpersNeeded: Math.min(10, draft.helpersNeeded + 1) })}
              >
                +
              </Button>
            </View>
          </Field>
          <Field label='优先级' error={errors.priority}>
            <ChipGroup label='优先级' options={priorities} value={draft.priority} onChange={(priority) => onChange({ priority })} />
            {draft.priority === 'normal' && sign && (
              <View className='staff-panel__hint' role='note'>
                <Text>{urgencySignText(sign)}，</Text>
                <View className='staff-link staff-link--inline' role='button' onClick={() => onChange({ priority: 'urgent' })}>
                  设为紧急
                </View>
              </View>
            )}
          </Field>
          <Field label='提交后' hint='紧急情况可直接通过，心愿立即进入心愿池'>
            <ChipGroup
              label='提交后'
              options={afterSubmit}
              value={draft.approveNow ? 'now' : 'review'}
              onChange={(v) => onChange({ approveNow: v === 'now' })}
            />
          </Field>
        </>
      )}
    </View>
  );
}

const TextPart = memo(function TextPart({ name, value, error, spoken, onChange }: { name: TextKey; value: string; error?: string; spoken: boolean; onChange: Props['onChange'] }) {
  const { label, placeholder, maxlength, hint, multiline } = TextFields[name];
  // A voice note stands in for the title and the description (the words rule), as on the resident's form.
  const required = TextFields[name].required && !spoken;
  const Box = multiline ? Textarea : Input;
  return (
    <Field label={label} required={required} error={error} hint={spoken && name === 'title' ? '可不填，将显示为“类别（语音）”' : hint}>
      <Box
        className={multiline ? 'staff-textarea' : 'staff-input'}
        aria-label={label}
        placeholder={placeholder}
        maxlength={maxlength}
        value={value}
        onInput={(e) => onChange({ [name]: e.detail.value })}
      />
    </Field>
  );
});

const CategoryPart = memo(function CategoryPart({ category, error, onChange }: { category?: Category; error?: string; onChange: Props['onChange'] }) {
  return (
    <Field label='心愿类别' required error={error}>
      <CategoryGrid value={category} onChange={(c) => onChange({ category: c })} />
    </Field>
  );
});

const PhotosPart = memo(function PhotosPart({ photos, error, onChange }: { photos?: string[]; error?: string; onChange: Props['onChange'] }) {
  return <PhotoPicker photos={photos ?? []} max={Limits.wishPhotos} error={error} buttonClassName='staff-btn staff-btn--ghost' onChange={(p) => onChange({ photos: p })} />;
});

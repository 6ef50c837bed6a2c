import { useEffect, useMemo, useState } from 'react';
import { Button, Input, Switch, Text, Textarea, View } from '@tarojs/components';
import { Limits } from '@shared/vocab/limits';
import { chinaDate } from '@shared/time';
import { CategoryGrid, Field, switchLabel } from '../../components';
import { PhotoPicker } from '../../components/PhotoPicker';
import { useSimilarWishes } from '../../hooks/useSimilarWishes';
import { useWishForm } from '../../hooks/useWishForm';
import { isOffline, messageOf } from '../../services/errors';
import type { PickOutcome, Place } from '../../services/location';
import type { WishView } from '../../services/wishes';
import { PhotoUploadError, VoiceUploadError, withUploads } from '../../services/uploads';
import { checksLoaded, loadChecks } from './lazyChecks';
import { SlotLabels, emptyDraft, payloadOf, validateDraft, type TimeSlot, type WishDraft } from './model';
import { SimilarNotice } from './SimilarNotice';
import { PayByHours, type TimeBankChoice } from './PayByHours';
import { VoiceRecorder } from './VoiceRecorder';

export interface PostFormProps {
  /** Storage key of the draft: one per new wish, one per wish being resubmitted. */
  scope: string;
  /** The wish being edited (its photos and voice go to its folder in cloud storage). */
  wishId?: string;
  /** Starting values when no draft exists (a rejected wish being edited, the user's phone). */
  initial?: Partial<WishDraft>;
  elder?: boolean;
  submitLabel?: string;
  submit: (payload: Record<string, unknown>, requestId: string) => Promise<{ wish: WishView }>;
  onDone: (wish: WishView) => void;
  /** Place pickers; the page wires them to Taro (map picker, own building). */
  pickPlace?: () => Promise<PickOutcome>;
  homePlace?: () => Promise<Place | undefined>;
  /** A new wish: my 时间银行 balance and family, to pay by hours or post for a family member. */
  timebank?: TimeBankChoice;
}

/** China's date `days` from now: 今天 is the resident's today wherever the phone's clock is set. */
function dayOffset(days: number): string {
  return chinaDate(new Date(Date.now() + days * 86400000));
}

const DayChoices = [
  { label: '不限', offset: -1 },
  { label: '今天', offset: 0 },
  { label: '明天', offset: 1 },
  { label: '后天', offset: 2 },
];

/**
 * The wish form: validates with the shared schema as the person types (after the first
 * submit), writes every keystroke to a draft, and keeps everything on a failed submit.
 */
export function PostForm({ scope, wishId, initial, elder = false, submitLabel = '提交心愿', submit, onDone, pickPlace, homePlace, timebank }: PostFormProps) {
  const form = useWishForm({
    storageKey: `xy.draft.${scope}`,
    blank: emptyDraft,
    initial,
    validate: (d: WishDraft): Record<string, string> => ({
      ...validateDraft(d, elder),
      ...(timebank && d.payByHours && d.paidHours > timebank.balance ? { paidHours: `时间余额不足：当前可用 ${timebank.balance} 小时` } : {}),
    }),
    payloadOf: (d: WishDraft) => payloadOf(d, elder),
    // Photos and the voice note go up first; a failed upload keeps them in the draft to send again.
    send: async (payload, requestId) => submit(await withUploads(payload, wishId ?? 'new'), requestId),
    ready: checksLoaded() ? undefined : loadChecks,
  });
  const { draft, update, errors, tried, busy, failure } = form;
  const [more, setMore] = useState(!elder);
  const similar = useSimilarWishes(draft.category, draft.location, busy);

  // Fill the place from the resident's building when nothing was chosen yet.
  useEffect(() => {
    if (draft.location || !homePlace) return;
    let alive = true;
    void homePlace().then((p) => {
      if (alive && p) update((d) => (d.location ? {} : { location: p.point, locationLabel: p.label }));
    });
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const [pickNotice, setPickNotice] = useState<string>();
  const onPick = async () => {
    const { place, notice } = (await pickPlace?.()) ?? {};
    setPickNotice(notice);
    if (place) update({ location: place.point, locationLabel: place.label, address: draft.address || place.label });
  };

  const onSubmit = async () => {
    const reply = await form.submit();
    if (reply) onDone(reply.wish);
  };

  const day = draft.day;
  const dayChoices = useMemo(() => DayChoices.map((c) => ({ ...c, value: c.offset < 0 ? '' : dayOffset(c.offset) })), []);
  const errorCount = Object.keys(errors).length;

  // The checks arrive while the person fills in the form (their first touch or click in it), not with the page.
  const prepare = () => void loadChecks().catch(() => undefined);

  return (
    <View className="post-form" onTouchStart={prepare} onClick={prepare}>
      {failure !== undefined && (
        <View className="banner banner--error" role="alert">
          <Text>
            {isOffline(failure)
              ? '网络不给力，心愿还没有提交。内容已为您保存，请稍后点“重试提交”。'
              : failure instanceof PhotoUploadError || failure instanceof VoiceUploadError
                ? `${failure.message}。内容已为您保存，可点“重试提交”`
                : `提交失败：${messageOf(failure)}`}
          </Text>
        </View>
      )}

      <View className="card">
        <Field label="需要什么帮助" required error={errors.category}>
          <CategoryGrid value={draft.category} onChange={(category) => update({ category })} />
        </Field>
      </View>

      <View className="form-group">
        {!elder && (
          <Field label="标题" required={!draft.voice} error={errors.title} hint={draft.voice ? `可不填，将显示为“类别（语音）”` : `一句话说明，${Limits.title}字以内`}>
            <Input
              className="input"
              placeholder="例如：腿脚不便，想请人陪同去医院打疫苗"
              value={draft.title}
              maxlength={Limits.title + 10}
              onInput={(e) => update({ title: e.detail.value })}
            />
          </Field>
        )}
        <Field label="语音（可代替文字）">
          <VoiceRecorder value={draft.voice} error={errors.voice} onChange={(voice) => update({ voice })} />
        </Field>
        <Field label={elder ? '说说您的心愿' : '详细描述'} required={!draft.voice} error={errors.description ?? (elder ? errors.title : undefined)}>
          <Textarea
            className="textarea"
            placeholder="什么时间、需要做什么、有什么要注意的"
            value={draft.description}
            maxlength={Limits.description + 20}
            onInput={(e) => update({ description: e.detail.value })}
          />
        </Field>
        <PhotoPicker photos={draft.photos ?? []} max={Limits.wishPhotos} error={errors.photos} onChange={(photos) => update({ photos })} />
        <Field label="服务地点" required error={errors.location}>
          <View className="row row--between">
            <Text className={`place-label${draft.location ? '' : ' muted'}`}>{draft.location ? draft.locationLabel || '已选择' : '尚未选择'}</Text>
            {pickPlace && (
              <Button className="btn btn--small btn--ghost" onClick={onPick}>
                地图选点
              </Button>
            )}
          </View>
          {pickNotice && (
            <View className="field__hint" role="status">
              <Text>{pickNotice}</Text>
            </View>
          )}
        </Field>
        <Field label="详细地址（仅认领人可见）" error={errors.address}>
          <Input className="input" placeholder="例如：3栋2单元501" value={draft.address} onInput={(e) => update({ address: e.detail.value })} />
        </Field>
        <Field label="联系电话（仅认领人和社区可见）" error={errors.contactPhone}>
          <Input className="input" type="number" placeholder="手机号或座机" value={draft.contactPhone} onInput={(e) => update({ contactPhone: e.detail.value })} />
        </Field>
      </View>

      {!more ? (
        <Button className="btn btn--small" onClick={() => setMore(true)}>
          更多选项（时间、人数、匿名）
        </Button>
      ) : (
        <View className="form-group">
          <Field label="希望的时间" error={errors.day}>
            <View className="chips">
              {dayChoices.map((c) => (
                <Text key={c.label} className={`chip${day === c.value ? ' chip--active' : ''}`} onClick={() => update({ day: c.value })}>
                  {c.label}
                </Text>
              ))}
            </View>
            {day && (
              <View className="chips" style={{ marginTop: '8px' }}>
                {(Object.keys(SlotLabels) as TimeSlot[]).map((s) => (
                  <Text key={s} className={`chip${draft.slot === s ? ' chip--active' : ''}`} onClick={() => update({ slot: s })}>
                    {SlotLabels[s]}
                  </Text>
                ))}
              </View>
            )}
          </Field>
          <Field label="需要几位志愿者" error={errors.helpersNeeded}>
            <View className="stepper">
              <Text className="stepper__btn" aria-label="减少人数" onClick={() => update({ helpersNeeded: Math.max(1, draft.helpersNeeded - 1) })}>
                −
              </Text>
              <Text aria-label="需要人数">{draft.helpersNeeded}</Text>
              <Text className="stepper__btn" aria-label="增加人数" onClick={() => update({ helpersNeeded: Math.min(10, draft.helpersNeeded + 1) })}>
                ＋
              </Text>
            </View>
          </Field>
          <Field label="在心愿墙上匿名展示">
            <Switch {...switchLabel('在心愿墙上匿名展示')} checked={draft.anonymous} color="#c8161d" onChange={(e) => update({ anonymous: e.detail.value })} />
          </Field>
        </View>
      )}

      {timebank && <PayByHours choice={timebank} draft={draft} error={errors.paidHours ?? errors.forFamilyId} update={update} />}

      <SimilarNotice items={similar} />
      {tried && errorCount > 0 && !failure && (
        <View className="banner banner--error" role="alert">
          <Text>还有 {errorCount} 处需要修改</Text>
        </View>
      )}
      <Button className="btn btn--primary btn--big" aria-busy={busy} disabled={busy} onClick={onSubmit}>
        {failure !== undefined ? '重试提交' : submitLabel}
      </Button>
    </View>
  );
}

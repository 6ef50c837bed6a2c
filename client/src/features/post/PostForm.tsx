import { memo, useEffect, useMemo, useState } from 'react';
import { Button, Input, Switch, Text, Textarea, View } from '@tarojs/components';
import { Limits } from '@shared/vocab/limits';
import { chinaDate } from '@shared/time';
import { CategoryGrid, Field, switchLabel } from '../../components';
import { PhotoPicker } from '../../components/PhotoPicker';
import { useSimilarWishes } from '../../hooks/useSimilarWishes';
import { useWishForm } from '../../hooks/useWishForm';
import { useBelowFold } from '../../hooks/useBelowFold';
import { isOffline, messageOf } from '../../services/errors';
import type { GeoPoint } from '@shared/schemas/primitives';
import type { Category } from '@shared/vocab/categories';
import type { PickOutcome, Place } from '../../services/location';
import type { WishView } from '../../services/wishes';
import { PhotoUploadError, VoiceUploadError, withUploads } from '../../services/uploads';
import { mediaFiles } from '../../services/draftFiles';
import { checksLoaded, loadChecks } from './lazyChecks';
import { SlotLabels, emptyDraft, payloadOf, validateDraft, type TimeSlot, type WishDraft } from './model';
import { SimilarNotice } from './SimilarNotice';
import { PayByHours, type TimeBankChoice } from './PayByHours';
import { VoiceRecorder, type VoiceValue } from './VoiceRecorder';

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
  /** Opened to pay by hours (时间银行's 用时间发布心愿): 用时间支付 is switched on, over a draft kept from before too. */
  paying?: boolean;
}

/** China's date `days` from now: 今天 is the resident's today wherever the phone's clock is set. */
function dayOffset(days: number): string {
  return chinaDate(new Date(Date.now() + days * 86400000));
}

/** The recording and photos a draft holds survive a restart or a reload with it. */
const draftMedia = mediaFiles<WishDraft>();

const DayChoices = [
  { label: '不限', offset: -1 },
  { label: '今天', offset: 0 },
  { label: '明天', offset: 1 },
  { label: '后天', offset: 2 },
];

/** The form's one `update` (useWishForm keeps it for the form's life): what every part below changes the draft with. */
type Update = (patch: Partial<WishDraft> | ((draft: WishDraft) => Partial<WishDraft>)) => void;

/**
 * The wish form: validates with the shared schema as the person types (after the first
 * submit), writes every keystroke to a draft, and keeps everything on a failed submit.
 *
 * Each part of it is memoised on the draft fields it shows: the answers that arrive after the first paint (the
 * resident's building, the time bank) and each keystroke redraw the part they change, not the whole form (some
 * 250 components, each a long task on a phone when redrawn: npm run bench -- h5profile).
 */
export function PostForm({ scope, wishId, initial, elder = false, submitLabel = '提交心愿', submit, onDone, pickPlace, homePlace, timebank, paying = false }: PostFormProps) {
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
    files: draftMedia,
  });
  const { draft, update, errors, tried, busy, failure } = form;
  const below = useBelowFold();
  const similar = useSimilarWishes(draft.category, draft.location, busy);

  useEffect(() => {
    if (paying) update({ payByHours: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

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

  const onSubmit = async () => {
    const reply = await form.submit();
    if (reply) onDone(reply.wish);
  };

  const errorCount = Object.keys(errors).length;
  const voiced = !!draft.voice;

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

      <CategoryPart category={draft.category} error={errors.category} update={update} />

      <View className="form-group">
        {!elder && <TitlePart title={draft.title} voiced={voiced} error={errors.title} update={update} />}
        <VoicePart voice={draft.voice} error={errors.voice} update={update} />
        <DescriptionPart description={draft.description} voiced={voiced} elder={elder} error={errors.description ?? (elder ? errors.title : undefined)} update={update} />
        {/* Below the fold on a phone: drawn a task after the first screenful (hooks/useBelowFold). */}
        {below && (
          <>
            <PhotosPart photos={draft.photos} error={errors.photos} update={update} />
            <PlacePart location={draft.location} locationLabel={draft.locationLabel} error={errors.location} pickPlace={pickPlace} update={update} />
            <AddressPart address={draft.address} error={errors.address} update={update} />
            <PhonePart contactPhone={draft.contactPhone} error={errors.contactPhone} update={update} />
          </>
        )}
      </View>

      {below && (
        <>
          <MorePart
            elder={elder}
            day={draft.day}
            slot={draft.slot}
            helpersNeeded={draft.helpersNeeded}
            anonymous={draft.anonymous}
            dayError={errors.day}
            helpersError={errors.helpersNeeded}
            update={update}
          />
          {timebank && (
            <PayPart
              choice={timebank}
              payByHours={draft.payByHours}
              paidHours={draft.paidHours}
              forFamilyId={draft.forFamilyId}
              error={errors.paidHours ?? errors.forFamilyId}
              update={update}
            />
          )}
          <SimilarNotice items={similar} />
          {tried && errorCount > 0 && !failure && (
            <View className="banner banner--error" role="alert">
              <Text>还有 {errorCount} 处需要修改</Text>
            </View>
          )}
          <Button className="btn btn--primary btn--big" aria-busy={busy} disabled={busy} onClick={onSubmit}>
            {failure !== undefined ? '重试提交' : submitLabel}
          </Button>
        </>
      )}
    </View>
  );
}

const CategoryPart = memo(function CategoryPart({ category, error, update }: { category?: Category; error?: string; update: Update }) {
  return (
    <View className="card">
      <Field label="需要什么帮助" required error={error}>
        <CategoryGrid value={category} onChange={(c) => update({ category: c })} />
      </Field>
    </View>
  );
});

const TitlePart = memo(function TitlePart({ title, voiced, error, update }: { title: string; voiced: boolean; error?: string; update: Update }) {
  return (
    <Field label="标题" required={!voiced} error={error} hint={voiced ? `可不填，将显示为“类别（语音）”` : `一句话说明，${Limits.title}字以内`}>
      <Input
        className="input"
        placeholder="例如：腿脚不便，想请人陪同去医院打疫苗"
        value={title}
        maxlength={Limits.title + 10}
        onInput={(e) => update({ title: e.detail.value })}
      />
    </Field>
  );
});

const VoicePart = memo(function VoicePart({ voice, error, update }: { voice?: VoiceValue; error?: string; update: Update }) {
  return (
    <Field label="语音（可代替文字）">
      <VoiceRecorder value={voice} error={error} onChange={(v) => update({ voice: v })} />
    </Field>
  );
});

const DescriptionPart = memo(function DescriptionPart({ description, voiced, elder, error, update }: { description: string; voiced: boolean; elder: boolean; error?: string; update: Update }) {
  return (
    <Field label={elder ? '说说您的心愿' : '详细描述'} required={!voiced} error={error}>
      <Textarea
        className="textarea"
        placeholder="什么时间、需要做什么、有什么要注意的"
        value={description}
        maxlength={Limits.description + 20}
        onInput={(e) => update({ description: e.detail.value })}
      />
    </Field>
  );
});

const PhotosPart = memo(function PhotosPart({ photos, error, update }: { photos?: string[]; error?: string; update: Update }) {
  return <PhotoPicker photos={photos ?? []} max={Limits.wishPhotos} error={error} onChange={(p) => update({ photos: p })} />;
});

const PlacePart = memo(function PlacePart({ location, locationLabel, error, pickPlace, update }: { location?: GeoPoint; locationLabel?: string; error?: string; pickPlace?: () => Promise<PickOutcome>; update: Update }) {
  const [pickNotice, setPickNotice] = useState<string>();
  const onPick = async () => {
    const { place, notice } = (await pickPlace?.()) ?? {};
    setPickNotice(notice);
    if (place) update((d) => ({ location: place.point, locationLabel: place.label, address: d.address || place.label }));
  };
  return (
    <Field label="服务地点" required error={error}>
      <View className="row row--between">
        <Text className={`place-label${location ? '' : ' muted'}`}>{location ? locationLabel || '已选择' : '尚未选择'}</Text>
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
  );
});

const AddressPart = memo(function AddressPart({ address, error, update }: { address: string; error?: string; update: Update }) {
  return (
    <Field label="详细地址（仅认领人可见）" error={error}>
      <Input className="input" placeholder="例如：3栋2单元501" value={address} onInput={(e) => update({ address: e.detail.value })} />
    </Field>
  );
});

const PhonePart = memo(function PhonePart({ contactPhone, error, update }: { contactPhone: string; error?: string; update: Update }) {
  return (
    <Field label="联系电话（仅认领人和社区可见）" error={error}>
      <Input className="input" type="number" placeholder="手机号或座机" value={contactPhone} onInput={(e) => update({ contactPhone: e.detail.value })} />
    </Field>
  );
});

interface MoreProps {
  elder: boolean;
  day: string;
  slot: TimeSlot;
  helpersNeeded: number;
  anonymous: boolean;
  dayError?: string;
  helpersError?: string;
  update: Update;
}

/** 时间、人数、匿名: open at once, or behind one button in elder mode (fewer things on the screen). */
const MorePart = memo(function MorePart({ elder, day, slot, helpersNeeded, anonymous, dayError, helpersError, update }: MoreProps) {
  const [more, setMore] = useState(!elder);
  const dayChoices = useMemo(() => DayChoices.map((c) => ({ ...c, value: c.offset < 0 ? '' : dayOffset(c.offset) })), []);
  if (!more) {
    return (
      <Button className="btn btn--small" onClick={() => setMore(true)}>
        更多选项（时间、人数、匿名）
      </Button>
    );
  }
  return (
    <View className="form-group">
      <Field label="希望的时间" error={dayError}>
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
              <Text key={s} className={`chip${slot === s ? ' chip--active' : ''}`} onClick={() => update({ slot: s })}>
                {SlotLabels[s]}
              </Text>
            ))}
          </View>
        )}
      </Field>
      <Field label="需要几位志愿者" error={helpersError}>
        <View className="stepper">
          <Text className="stepper__btn" aria-label="减少人数" onClick={() => update((d) => ({ helpersNeeded: Math.max(1, d.helpersNeeded - 1) }))}>
            −
          </Text>
          <Text aria-label="需要人数">{helpersNeeded}</Text>
          <Text className="stepper__btn" aria-label="增加人数" onClick={() => update((d) => ({ helpersNeeded: Math.min(10, d.helpersNeeded + 1) }))}>
            ＋
          </Text>
        </View>
      </Field>
      <Field label="在心愿墙上匿名展示">
        <Switch {...switchLabel('在心愿墙上匿名展示')} checked={anonymous} color="#c8161d" onChange={(e) => update({ anonymous: e.detail.value })} />
      </Field>
    </View>
  );
});

const PayPart = memo(function PayPart({ choice, payByHours, paidHours, forFamilyId, error, update }: { choice: TimeBankChoice; payByHours: boolean; paidHours: number; forFamilyId: string; error?: string; update: Update }) {
  return <PayByHours choice={choice} draft={{ payByHours, paidHours, forFamilyId }} error={error} update={update} />;
});

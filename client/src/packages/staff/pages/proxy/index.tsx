import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { WishStateLabels } from '@shared/enums';
import { SubmitKey } from '../../../../services/requestId';
import { StaffGate } from '../../components/StaffGate';
import { ProxyForm } from '../../components/ProxyForm';
import { BannerView } from '../../components/BannerView';
import { staffApi } from '../../lib/api';
import { codeOf, errorText, fieldErrorsOf } from '../../lib/errors';
import { draftErrorsFrom, emptyDraft, toPayload, validateDraft } from '../../lib/proxyForm';
import type { DraftErrors, ProxyDraft } from '../../lib/proxyForm';
import { usePlaces } from '../../lib/usePlaces';
import type { Banner } from '../../lib/useDecisions';
import type { SimilarWish, StaffWish } from '../../lib/types';
import { stateLabel } from '../../lib/format';
import '../../components/staff.scss';
import './index.scss';

/** A half-typed entry survives leaving the page (a phone call interrupts; the app is closed). */
const DRAFT_KEY = 'xy.staff.proxyDraft';

function restoreDraft(): ProxyDraft {
  try {
    const saved = Taro.getStorageSync(DRAFT_KEY) as Partial<ProxyDraft> | '' | undefined;
    return saved && typeof saved === 'object' ? { ...emptyDraft(), ...saved } : emptyDraft();
  } catch {
    return emptyDraft();
  }
}

function ProxyEntry() {
  const [draft, setDraft] = useState<ProxyDraft>(restoreDraft);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [banner, setBanner] = useState<Banner | null>(null);
  const [created, setCreated] = useState<{ wish: StaffWish; similar: SimilarWish[] } | null>(null);
  const submitKey = useRef(new SubmitKey());
  const places = usePlaces();

  useEffect(() => {
    try {
      Taro.setStorageSync(DRAFT_KEY, draft);
    } catch {
      // Storage full or unavailable: the form still holds the draft in memory.
    }
  }, [draft]);

  const change = (patch: Partial<ProxyDraft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    // After a first submit, errors follow the typing so a fixed field clears at once.
    if (submitted) setErrors(validateDraft(next));
  };

  const submit = async () => {
    if (busy) return;
    setSubmitted(true);
    const found = validateDraft(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setBanner({ tone: 'error', text: '还有内容需要填写或修改，请查看红色提示' });
      return;
    }
    setBusy(true);
    setBanner(null);
    const payload = toPayload(draft);
    try {
      const reply = await staffApi.proxyCreate(payload, submitKey.current.for(payload));
      submitKey.current.done();
      setCreated({ wish: reply.wish, similar: reply.similar ?? [] });
      setDraft((d) => emptyDraft(d.channel));
      setSubmitted(false);
      Taro.removeStorageSync(DRAFT_KEY);
    } catch (err) {
      // Everything typed stays in the form; only the message changes.
      if (codeOf(err) === 'VALIDATION_FAILED') {
        const fields = Object.entries(fieldErrorsOf(err)).map(([path, message]) => ({ path, message }));
        setErrors(draftErrorsFrom(fields));
      }
      setBanner({ tone: 'error', text: `提交未成功：${errorText(err)}。已填写的内容已保留，可直接重新提交。` });
    } finally {
      setBusy(false);
    }
  };

  if (created) {
    return (
      <View className='staff-page staff-proxy__done' role='status'>
        <Text className='staff-proxy__done-title'>录入成功</Text>
        <Text className='staff-proxy__done-text'>
          已为{created.wish.beneficiary?.name ?? '居民'}录入心愿「{created.wish.title}」，当前状态：
          {WishStateLabels[created.wish.status] ?? '待审核'}
        </Text>
        {created.similar.length > 0 && (
          <View className='staff-banner staff-banner--warn' role='alert'>
            附近近期有相同类别的心愿，请确认是否重复：
            {created.similar.map((s) => `「${s.title}」（${stateLabel(s.status)}）`).join('、')}
          </View>
        )}
        <Button className='staff-btn staff-btn--primary' onClick={() => setCreated(null)}>
          继续录入
        </Button>
        <Button className='staff-btn staff-btn--ghost' onClick={() => void Taro.navigateTo({ url: '/packages/staff/pages/review/index' })}>
          去审核派单
        </Button>
      </View>
    );
  }

  return (
    <View className='staff-page'>
      {banner && <BannerView banner={banner} />}
      <ProxyForm draft={draft} errors={errors} places={places} onChange={change} />
      <View className='staff-proxy__submit'>
        <Button className='staff-btn staff-btn--primary' loading={busy} disabled={busy} onClick={() => void submit()}>
          提交心愿
        </Button>
      </View>
    </View>
  );
}

export default function ProxyPage() {
  return (
    <StaffGate screen='proxy'>
      <ProxyEntry />
    </StaffGate>
  );
}

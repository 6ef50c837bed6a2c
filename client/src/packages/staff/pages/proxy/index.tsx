import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { WishStateLabels } from '@shared/vocab';
import { SimilarNotice } from '../../../../features/post/SimilarNotice';
import { useSimilarWishes } from '../../../../hooks/useSimilarWishes';
import { useWishForm } from '../../../../hooks/useWishForm';
import { withUploads } from '../../../../services/uploads';
import { mediaFiles } from '../../../../services/draftFiles';
import { StaffGate } from '../../components/StaffGate';
import { ProxyForm } from '../../components/ProxyForm';
import { BannerView } from '../../components/BannerView';
import { staffApi } from '../../lib/api';
import { errorText } from '../../lib/errors';
import { draftErrorsFrom, emptyDraft, proxyChecks, toPayload, validateDraft, type ProxyDraft } from '../../lib/proxyForm';
import type { Banner } from '../../lib/useDecisions';
import type { SimilarWish } from '@shared/actions';
import type { StaffWish } from '../../lib/api';
import { stateLabel } from '../../lib/format';
import '../../components/staff.scss';
import './index.scss';
import { Pages, to } from '@shared/routes';

const draftMedia = mediaFiles<ProxyDraft>();

const StaffAdvice = '如果是同一件事，就不必重复录入；如果不一样，照常提交。';

function ProxyEntry() {
  const form = useWishForm({
    storageKey: 'xy.staff.proxyDraft',
    blank: emptyDraft,
    validate: validateDraft,
    payloadOf: toPayload,
    // Photos go up first; a failed upload keeps them in the draft to send again.
    send: async (payload, requestId) => staffApi.proxyCreate(await withUploads(payload, 'new'), requestId),
    serverErrors: (fields) => draftErrorsFrom(Object.entries(fields).map(([path, message]) => ({ path, message }))),
    ready: proxyChecks.isLoaded() ? undefined : proxyChecks.load,
    // The elder's recording and the photos survive the app closed mid-visit.
    files: draftMedia,
  });
  const [created, setCreated] = useState<{ wish: StaffWish; similar: SimilarWish[] } | null>(null);
  const similar = useSimilarWishes(form.draft.category, form.draft.location, form.busy);

  // The confirmation replaces a long form the person had scrolled to the bottom of: show it from its top.
  useEffect(() => {
    if (created) void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
  }, [created]);

  const submit = async () => {
    const reply = await form.submit();
    if (!reply) return;
    setCreated({ wish: reply.wish, similar: reply.similar });
    form.reset(emptyDraft(form.draft.channel));
  };

  // Everything typed stays in the form on a failure; only the message changes.
  const banner: Banner | null =
    form.failure !== undefined
      ? { tone: 'error', text: `提交未成功：${errorText(form.failure)}。已填写的内容已保留，可直接重新提交。` }
      : form.tried && Object.keys(form.errors).length > 0
        ? { tone: 'error', text: '还有内容需要填写或修改，请查看红色提示' }
        : null;

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
        <Button className='staff-btn staff-btn--ghost' onClick={() => void Taro.navigateTo({ url: to(Pages.review) })}>
          去审核派单
        </Button>
      </View>
    );
  }

  // The checks arrive while the person fills in the form (their first touch or click in it), not with the page.
  const prepare = () => void proxyChecks.load().catch(() => undefined);

  return (
    <View className='staff-page' onTouchStart={prepare} onClick={prepare}>
      {banner && <BannerView banner={banner} />}
      <ProxyForm draft={form.draft} errors={form.errors} onChange={form.update} />
      <View className='staff-proxy__submit'>
        <SimilarNotice items={similar} advice={StaffAdvice} />
        <Button className='staff-btn staff-btn--primary' aria-busy={form.busy} disabled={form.busy} onClick={() => void submit()}>
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

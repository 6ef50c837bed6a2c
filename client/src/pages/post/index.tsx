import { useMemo } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Screen, PageState } from '../../components';
import { editsOf } from '../../features/post/edits';
import { PostForm } from '../../features/post/PostForm';
import { useRemote } from '../../hooks/useRemote';
import { call } from '../../services/api';
import { useElderMode } from '../../services/elder';
import { communityCentre, myBuildingPlace, pickPlace } from '../../services/location';
import { Routes } from '../../services/nav';
import { getSession } from '../../services/session';
import { askSubscribe } from '../../services/subscribe';
import { wishesApi } from '../../services/wishes';
import { afterPaint } from '../../services/afterPaint';
import type { WishDraft } from '../../features/post/model';
import type { WishView } from '../../services/wishes';
// The form has validated the draft with these schemas already (loaded by its first submit); parsing again gives the call its type.
import { loadedChecks } from '../../features/post/lazyChecks';

function draftFromWish(w: WishView): Partial<WishDraft> {
  return {
    category: w.category,
    title: w.title,
    description: w.description ?? '',
    photos: w.photos ?? [],
    ...(w.voice ? { voice: { src: w.voice.url, seconds: w.voice.seconds } } : {}),
    location: w.location,
    locationLabel: w.address || '原地点',
    address: w.address ?? '',
    contactPhone: w.contactPhone ?? '',
    helpersNeeded: w.helpersNeeded,
    anonymous: !!w.anonymous,
  };
}

type Revision = 'resubmit' | 'edit';

/** The two ways the same form changes a wish of one's own: a rejected one goes back to review, a pending one is edited in place. */
const Revisions: Record<Revision, { label: string; toast: string; send: (payload: Record<string, unknown>, requestId: string) => Promise<{ wish: WishView }> }> = {
  resubmit: { label: '修改后重新提交', toast: '已重新提交', send: (payload, requestId) => wishesApi.resubmit(loadedChecks().ResubmitWishInput.parse(payload), { requestId }) },
  edit: { label: '保存修改', toast: '已保存修改', send: (payload, requestId) => wishesApi.update(loadedChecks().UpdateWishInput.parse(payload), { requestId }) },
};

function onDone(revision: Revision | undefined, wish: WishView) {
  void Taro.showToast({ title: revision ? Revisions[revision].toast : '提交成功，等待社区审核', icon: 'none' });
  if (revision === 'edit') {
    void Taro.redirectTo({ url: Routes.wish(wish.id) });
    return;
  }
  // Consent is asked right after posting: that is when the news "approved/claimed" will matter.
  void askSubscribe(['wish_approved', 'wish_rejected', 'wish_claimed']).finally(() => {
    void Taro.redirectTo({ url: Routes.wish(wish.id) });
  });
}

/** New wish (`?pay=1`: paid by hours, 时间银行's 用时间发布心愿); `?resubmit=<id>` to edit a rejected wish and send it back to review; `?edit=<id>` to edit one still waiting for review. */
export default function PostPage() {
  const { params } = useRouter();
  const revision: Revision | undefined = params.edit ? 'edit' : params.resubmit ? 'resubmit' : undefined;
  const wishId = params.edit ?? params.resubmit;
  // Two screens on one route, each asking only for what it shows: a new wish never waits on a wish to edit, nor an edit on the time bank.
  return revision && wishId ? <ReviseWish revision={revision} wishId={wishId} /> : <NewWish paying={params.pay === '1'} />;
}

/** Where a new wish takes place unless the resident picks one: their building, else the community's centre. */
async function homePlace() {
  // Asked for once the empty form is on screen: it is drawn without it (尚未选择 until it comes).
  await afterPaint();
  return (await myBuildingPlace()) ?? (await communityCentre());
}

function NewWish({ paying }: { paying: boolean }) {
  const [elder] = useElderMode();
  const phone = getSession()?.user.phone ?? '';
  // My 时间银行, for paying by hours or posting for family: asked for once the form is on screen, and posting never
  // waits on it or fails with it.
  const bank = useRemote(() => afterPaint().then(() => call('timebank', 'mine', {})).catch(() => undefined), []);
  // One object per answer: the form's parts are memoised on it.
  const timebank = useMemo(
    () =>
      bank.data && {
        balance: bank.data.balance,
        family: bank.data.family.filter((l) => l.status === 'accepted').map((l) => ({ id: l.other.id, name: l.other.name })),
      },
    [bank.data],
  );
  return (
    <Screen>
      <PostForm
        scope="new"
        initial={{ contactPhone: phone }}
        elder={elder}
        submit={(payload, requestId) => wishesApi.create(loadedChecks().CreateWishInput.parse(payload), { requestId })}
        onDone={(wish) => onDone(undefined, wish)}
        pickPlace={pickPlace}
        homePlace={homePlace}
        timebank={timebank}
        paying={paying}
      />
    </Screen>
  );
}

function ReviseWish({ revision, wishId }: { revision: Revision; wishId: string }) {
  const [elder] = useElderMode();
  const original = useRemote(() => wishesApi.detail(wishId), [wishId]);
  const how = Revisions[revision];
  return (
    <Screen>
      <PageState loading={original.loading} error={original.error} onRetry={original.reload}>
        {original.data && (
          <PostForm
            scope={`${revision}.${wishId}`}
            wishId={wishId}
            initial={draftFromWish(original.data.wish)}
            elder={elder}
            submitLabel={how.label}
            submit={(payload, requestId) => how.send({ wishId, ...editsOf(payload, original.data!.wish) }, requestId)}
            onDone={(wish) => onDone(revision, wish)}
            pickPlace={pickPlace}
          />
        )}
      </PageState>
    </Screen>
  );
}

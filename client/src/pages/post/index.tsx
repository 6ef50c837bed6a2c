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

/** New wish; `?resubmit=<id>` to edit a rejected wish and send it back to review; `?edit=<id>` to edit one still waiting for review. */
export default function PostPage() {
  const { params } = useRouter();
  const revision: Revision | undefined = params.edit ? 'edit' : params.resubmit ? 'resubmit' : undefined;
  const wishId = params.edit ?? params.resubmit;
  const [elder] = useElderMode();
  const original = useRemote(() => (wishId ? wishesApi.detail(wishId) : Promise.resolve(undefined)), [wishId]);
  const phone = getSession()?.user.phone ?? '';
  // My 时间银行, for paying by hours or posting for family; a new wish only, and posting never waits on it or fails with it.
  const bank = useRemote(() => (wishId ? Promise.resolve(undefined) : call('timebank', 'mine', {}).catch(() => undefined)), [wishId]);
  const timebank = bank.data && {
    balance: bank.data.balance,
    family: bank.data.family.filter((l) => l.status === 'accepted').map((l) => ({ id: l.other.id, name: l.other.name })),
  };

  const onDone = (wish: WishView) => {
    void Taro.showToast({ title: revision ? Revisions[revision].toast : '提交成功，等待社区审核', icon: 'none' });
    if (revision === 'edit') {
      void Taro.redirectTo({ url: Routes.wish(wish.id) });
      return;
    }
    // Consent is asked right after posting: that is when the news "approved/claimed" will matter.
    void askSubscribe(['wish_approved', 'wish_rejected', 'wish_claimed']).finally(() => {
      void Taro.redirectTo({ url: Routes.wish(wish.id) });
    });
  };

  if (revision && wishId) {
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
              onDone={onDone}
              pickPlace={pickPlace}
            />
          )}
        </PageState>
      </Screen>
    );
  }

  return (
    <Screen>
      <PostForm
        scope="new"
        initial={{ contactPhone: phone }}
        elder={elder}
        submit={(payload, requestId) => wishesApi.create(loadedChecks().CreateWishInput.parse(payload), { requestId })}
        onDone={onDone}
        pickPlace={pickPlace}
        homePlace={async () => (await myBuildingPlace()) ?? (await communityCentre())}
        timebank={timebank}
      />
    </Screen>
  );
}

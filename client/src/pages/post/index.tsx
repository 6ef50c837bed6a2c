import Taro, { useRouter } from '@tarojs/taro';
import { Screen, PageState } from '../../components';
import { PostForm } from '../../features/post/PostForm';
import { useRemote } from '../../hooks/useRemote';
import { useElderMode } from '../../services/elder';
import { communityCentre, myBuildingPlace, pickPlace } from '../../services/location';
import { Routes } from '../../services/nav';
import { getSession } from '../../services/session';
import { askSubscribe } from '../../services/subscribe';
import { wishesApi } from '../../services/wishes';
import type { WishDraft } from '../../features/post/model';
import type { WishView } from '../../services/wishes';
// The form has validated the draft with these schemas already; parsing again gives the call its type.
import { CreateWishInput, ResubmitWishInput } from '@shared/actions/wishes';

function draftFromWish(w: WishView): Partial<WishDraft> {
  return {
    category: w.category,
    title: w.title,
    description: w.description,
    location: w.location,
    locationLabel: w.address || '原地点',
    address: w.address ?? '',
    contactPhone: w.contactPhone ?? '',
    helpersNeeded: w.helpersNeeded,
    anonymous: !!w.anonymous,
  };
}

/** New wish, or `?resubmit=<id>` to edit a rejected wish and send it back to review. */
export default function PostPage() {
  const { params } = useRouter();
  const resubmitId = params.resubmit;
  const [elder] = useElderMode();
  const original = useRemote(() => (resubmitId ? wishesApi.detail(resubmitId) : Promise.resolve(undefined)), [resubmitId]);
  const phone = getSession()?.user.phone ?? '';

  const onDone = (wish: WishView) => {
    void Taro.showToast({ title: resubmitId ? '已重新提交' : '提交成功，等待社区审核', icon: 'none' });
    // Consent is asked right after posting: that is when the news "approved/claimed" will matter.
    void askSubscribe(['wish_approved', 'wish_rejected', 'wish_claimed']).finally(() => {
      void Taro.redirectTo({ url: Routes.wish(wish.id) });
    });
  };

  if (resubmitId) {
    return (
      <Screen>
        <PageState loading={original.loading} error={original.error} onRetry={original.reload}>
          {original.data && (
            <PostForm
              scope={`resubmit.${resubmitId}`}
              initial={draftFromWish(original.data.wish)}
              elder={elder}
              submitLabel="修改后重新提交"
              submit={(payload, requestId) => wishesApi.resubmit(ResubmitWishInput.parse({ wishId: resubmitId, ...payload }), { requestId })}
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
        submit={(payload, requestId) => wishesApi.create(CreateWishInput.parse(payload), { requestId })}
        onDone={onDone}
        pickPlace={pickPlace}
        homePlace={async () => (await myBuildingPlace()) ?? (await communityCentre())}
      />
    </Screen>
  );
}

import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { ActionReply } from '@shared/actions';
import { noticeLink, to } from '@shared/routes';
import { PageState, RoleNav, Screen, formatTime } from '../../components';
import { usePaged } from '../../hooks/usePaged';
import { call } from '../../services/api';
import { toastError } from '../../services/toast';
import { go, Routes } from '../../services/nav';

type InboxItem = ActionReply<'notify', 'inbox'>['items'][number];

/** Every notification lands here, whether or not WeChat delivered it. */
export default function InboxPage() {
  const inbox = usePaged((cursor) => call('notify', 'inbox', cursor ? { cursor } : {}));

  usePullDownRefresh(() => {
    void inbox.refresh().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void inbox.more());

  const open = async (item: InboxItem) => {
    if (!item.read) void call('notify', 'read', { ids: [item.id] }).catch(() => undefined);
    // The page the WeChat message opens (stored with it; older lines: the same table the server links with).
    go(to(item.page ?? noticeLink(item.template, item.wishId)));
  };

  const readAll = async () => {
    try {
      await call('notify', 'read', { all: true });
      await inbox.refresh();
    } catch (err) {
      toastError(err);
    }
  };

  const unread = inbox.items.filter((i) => !i.read).length;

  return (
    <Screen>
      <View className="row row--between">
        <Text className="section-title">消息{unread > 0 ? `（${unread} 条未读）` : ''}</Text>
        {unread > 0 && (
          <Button className="btn btn--small" onClick={readAll}>
            全部已读
          </Button>
        )}
      </View>
      <PageState loading={inbox.loading} error={inbox.error} empty={!inbox.loading && inbox.items.length === 0} emptyText="暂时没有消息" onRetry={inbox.refresh}>
        {inbox.items.map((item) => (
          <View
            key={item.id}
            className={`card inbox-item${item.read ? '' : ' inbox-item--unread'}`}
            role="button"
            aria-label={`${item.read ? '' : '未读：'}${item.body}`}
            onClick={() => open(item)}
          >
            {/* What happened, as a sentence, is the message; its kind and time are the small print above it. */}
            <View className="inbox-item__head">
              <Text className="inbox-item__kind">
                {!item.read && <Text className="inbox-item__dot" aria-hidden>● </Text>}
                {item.title}
              </Text>
              <Text className="inbox-item__time">{formatTime(item.createdAt)}</Text>
            </View>
            <Text className="inbox-item__body">{item.body}</Text>
          </View>
        ))}
      </PageState>
      <RoleNav current={Routes.inbox} />
    </Screen>
  );
}

import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { messageOf } from '../../services/errors';
import { SubmitKey } from '../../services/requestId';
import type { StoryView } from '../../services/stories';
import { StoryBody } from './StoryBody';

export interface StoryConsentProps {
  story: StoryView;
  answer: (consent: boolean, requestId: string) => Promise<unknown>;
  onDone: () => void;
}

/**
 * On the resident's wish page: the story the community wrote about their wish, exactly as it would be shown,
 * and their answer. Consent can be taken back at any time; if the story is on the wall it comes down at once.
 */
export function StoryConsent({ story, answer, onDone }: StoryConsentProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const key = useRef(new SubmitKey());
  const agreed = story.status === 'consented' || story.status === 'published';

  const send = async (consent: boolean) => {
    if (!consent && story.status === 'published') {
      const res = await Taro.showModal({ title: '撤回同意', content: '撤回后，这个故事会立即从心愿墙撤下。', confirmText: '撤回', cancelText: '再想想' });
      if (!res.confirm) return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await answer(consent, key.current.for({ storyId: story.id, consent }));
      key.current.done();
      void Taro.showToast({ title: consent ? '已同意发布' : '已告诉社区', icon: 'success' });
      onDone();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card" aria-label="微故事">
      <Text className="card__title">社区想把您的心愿写成微故事</Text>
      <Text className="card__meta">状态：{story.statusLabel}</Text>
      <StoryBody story={story} />
      <Text className="muted">同意后，社区会把它发布到心愿墙；您随时可以撤回。</Text>
      <View className="btn-row">
        {!agreed && (
          <Button className="btn btn--primary" aria-busy={busy} disabled={busy} onClick={() => void send(true)}>
            同意发布
          </Button>
        )}
        {story.status === 'awaiting_consent' && (
          <Button className="btn" disabled={busy} onClick={() => void send(false)}>
            不同意
          </Button>
        )}
        {agreed && (
          <Button className="btn btn--danger" aria-busy={busy} disabled={busy} onClick={() => void send(false)}>
            撤回同意
          </Button>
        )}
      </View>
      {error && <Text className="form-error">{error}</Text>}
    </View>
  );
}

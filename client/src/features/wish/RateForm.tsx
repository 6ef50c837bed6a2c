import { useRef, useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { Limits } from '@shared/vocab/limits';
import { messageOf } from '../../services/errors';
import { SubmitKey } from '../../services/requestId';

export interface RateFormProps {
  submit: (stars: number, comment: string | undefined, requestId: string) => Promise<unknown>;
  onDone: () => void;
}

const StarWords = ['', '很不满意', '不满意', '一般', '满意', '非常满意'];
const NeedStars = '请先点星星打分';

/** 1–5 stars and an optional comment; the comment survives a failed submit. */
export function RateForm({ submit, onDone }: RateFormProps) {
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const key = useRef(new SubmitKey());

  // Picking stars answers "请先点星星打分": the prompt goes as soon as there is a score.
  const pick = (n: number) => {
    setStars(n);
    setError((shown) => (shown === NeedStars ? undefined : shown));
  };

  const onSubmit = async () => {
    if (stars < 1) {
      setError(NeedStars);
      return;
    }
    const text = comment.trim() || undefined;
    setBusy(true);
    setError(undefined);
    try {
      await submit(stars, text, key.current.for({ stars, text }));
      key.current.done();
      onDone();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card rate-form">
      <Text className="card__title">评价本次服务</Text>
      <View className="stars" role="radiogroup" aria-label="评分">
        {[1, 2, 3, 4, 5].map((n) => (
          <View key={n} className={`star${n <= stars ? ' star--on' : ''}`} role="radio" aria-checked={n === stars} aria-label={`${n}星`} onClick={() => pick(n)}>
            ★
          </View>
        ))}
      </View>
      {stars > 0 && <Text className="muted">{StarWords[stars]}</Text>}
      <Textarea className="textarea" placeholder="说说您的感受（选填）" value={comment} maxlength={Limits.comment} onInput={(e) => setComment(e.detail.value)} />
      {error && (
        <View className="field__error" role="alert">
          <Text>{error}</Text>
        </View>
      )}
      <Button className="btn btn--primary" aria-busy={busy} disabled={busy} onClick={onSubmit}>
        提交评价
      </Button>
    </View>
  );
}

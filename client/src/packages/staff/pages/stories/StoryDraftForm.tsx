import { useRef, useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { Limits } from '@shared/vocab/limits';
import { Field, PhotoThumbs, StoredPhotos } from '../../../../components';
import { choosePhotos, PhotoUploadError, uploadPhotos } from '../../../../services/uploads';
import { fieldErrorsOf, messageOf } from '../../../../services/errors';
import { SubmitKey } from '../../../../services/requestId';
import type { StaffWish } from '../../lib/api';

export interface StoryDraft {
  note: string;
  beforePhotos: string[];
  afterPhotos: string[];
  withThanks: boolean;
}

interface Props {
  wish: StaffWish;
  submit: (draft: StoryDraft, requestId: string) => Promise<unknown>;
  onDone: () => void;
}

/**
 * The secretary's draft of one confirmed wish: a few lines, photos before and after (the helper's report
 * photos offered as "after"), and the resident's thanks if they left any. The resident sees exactly this.
 */
export function StoryDraftForm({ wish, submit, onDone }: Props) {
  const [note, setNote] = useState('');
  const [before, setBefore] = useState<string[]>([]);
  const [after, setAfter] = useState<string[]>([]);
  const [reportPhotos, setReportPhotos] = useState<string[]>(wish.completion?.photos ?? []);
  const [withThanks, setWithThanks] = useState(true);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const key = useRef(new SubmitKey());
  const max = Limits.photos;

  const pick = async (set: (f: (p: string[]) => string[]) => void, have: number) => {
    const chosen = await choosePhotos(Math.max(0, max - have)).catch(() => []);
    set((p) => [...p, ...chosen].slice(0, max));
  };

  const onSubmit = async () => {
    if (!note.trim()) return setError('请写几句这个心愿的故事');
    setBusy(true);
    setError(undefined);
    try {
      const beforePhotos = await uploadPhotos(wish.id, before);
      // The report's photos came signed to be shown; uploadPhotos sends them back as the stored references.
      const afterPhotos = [...(await uploadPhotos(wish.id, reportPhotos)), ...(await uploadPhotos(wish.id, after))].slice(0, max);
      const draft = { note: note.trim(), beforePhotos, afterPhotos, withThanks };
      await submit(draft, key.current.for(draft));
      key.current.done();
      onDone();
    } catch (err) {
      setError(err instanceof PhotoUploadError ? err.message : (fieldErrorsOf(err).note ?? messageOf(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card' aria-label='撰写微故事'>
      <Text className='card__title'>写成微故事：{wish.title}</Text>
      <Field label='故事' required error={error}>
        <Textarea className='textarea' placeholder='例如：杨大爷家的水龙头滴了一个月，志愿者小张带着工具上门……' value={note} maxlength={Limits.note} onInput={(e) => setNote(e.detail.value)} aria-label='故事' />
      </Field>
      <Field label='之前的照片（选填）' hint={before.length ? '点照片可移除' : undefined}>
        <PhotoThumbs srcs={before} labelOf={(i) => `之前 ${i + 1}`} onTap={(i) => setBefore((p) => p.filter((_, j) => j !== i))} />
        <Button className='staff-btn' onClick={() => void pick(setBefore, before.length)}>
          添加照片
        </Button>
      </Field>
      <Field label='之后的照片（选填）'>
        {reportPhotos.length > 0 && (
          <View>
            <Text className='muted'>志愿者完成时上传的照片（点“不用”可去掉）</Text>
            <StoredPhotos refs={reportPhotos} label='完成照片' />
            <Button className='staff-btn' onClick={() => setReportPhotos([])}>
              不用完成照片
            </Button>
          </View>
        )}
        <PhotoThumbs srcs={after} labelOf={(i) => `之后 ${i + 1}`} onTap={(i) => setAfter((p) => p.filter((_, j) => j !== i))} />
        <Button className='staff-btn' onClick={() => void pick(setAfter, after.length + reportPhotos.length)}>
          添加照片
        </Button>
      </Field>
      {wish.rating?.comment && (
        <View className='chips'>
          <Text className={`chip${withThanks ? ' chip--active' : ''}`} onClick={() => setWithThanks(!withThanks)}>
            {withThanks ? '✓ ' : ''}引用居民的感谢：“{wish.rating.comment}”
          </Text>
        </View>
      )}
      <Text className='muted'>提交后会请居民确认；居民同意后才能发布到心愿墙。</Text>
      <Button className='staff-btn staff-btn--primary' aria-busy={busy} disabled={busy} onClick={() => void onSubmit()}>
        请居民确认
      </Button>
    </View>
  );
}

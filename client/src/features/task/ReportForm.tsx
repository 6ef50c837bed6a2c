import { useRef, useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { Limits } from '@shared/vocab/limits';
import { Field } from '../../components';
import { fieldErrorsOf, messageOf } from '../../services/errors';
import { SubmitKey } from '../../services/requestId';
import { PhotoPicker } from '../../components/PhotoPicker';
import { PhotoUploadError, uploadPhotos } from '../../services/uploads';

export interface ReportFormProps {
  wishId: string;
  kind: 'progress' | 'complete';
  submit: (data: { note: string; photos?: string[]; hours?: number }, requestId: string) => Promise<unknown>;
  onDone: () => void;
}

const HourChoices = [0.5, 1, 2, 3, 4];
const MAX_PHOTOS = Limits.photos;

/** Progress note, or completion with note, photos and hours; note and photos survive a failed upload or submit. */
export function ReportForm({ wishId, kind, submit, onDone }: ReportFormProps) {
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [hours, setHours] = useState<number>();
  const [error, setError] = useState<string>();
  const [photoError, setPhotoError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const key = useRef(new SubmitKey());
  const complete = kind === 'complete';

  const onSubmit = async () => {
    if (!note.trim()) {
      setError(complete ? '请简单说明完成情况' : '请填写进展');
      return;
    }
    setBusy(true);
    setError(undefined);
    setPhotoError(undefined);
    try {
      const uploaded = await uploadPhotos(wishId, photos);
      const data = { note: note.trim(), ...(uploaded.length ? { photos: uploaded } : {}), ...(complete && hours ? { hours } : {}) };
      await submit(data, key.current.for({ note: data.note, photos, hours }));
      key.current.done();
      setNote('');
      setPhotos([]);
      onDone();
    } catch (err) {
      if (err instanceof PhotoUploadError) setPhotoError(`${err.message}。可重试，或点该照片移除`);
      else setError(fieldErrorsOf(err).note ?? messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card">
      <Text className="card__title">{complete ? '完成服务' : '反馈进展'}</Text>
      <Field label={complete ? '服务情况' : '进展说明'} required error={error}>
        <Textarea
          className="textarea"
          placeholder={complete ? '例如：已陪同老人到卫生院完成接种，已安全送回家' : '例如：已联系居民，约好明天上午上门'}
          value={note}
          maxlength={Limits.note}
          onInput={(e) => setNote(e.detail.value)}
        />
      </Field>
      {complete && (
        <Field label="服务时长">
          <View className="chips">
            {HourChoices.map((h) => (
              <Text key={h} className={`chip${hours === h ? ' chip--active' : ''}`} onClick={() => setHours(h)}>
                {h} 小时
              </Text>
            ))}
          </View>
        </Field>
      )}
      <PhotoPicker
        photos={photos}
        max={MAX_PHOTOS}
        error={photoError}
        onChange={(next) => {
          setPhotos(next);
          setPhotoError(undefined);
        }}
      />
      <Button className="btn btn--primary" aria-busy={busy} disabled={busy} onClick={onSubmit}>
        {complete ? '确认完成' : '提交进展'}
      </Button>
    </View>
  );
}

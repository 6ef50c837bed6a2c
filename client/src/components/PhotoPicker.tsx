import { Button } from '@tarojs/components';
import { isStoredPhoto, photoSrc } from '../services/files';
import { prefetchMediaCalls } from '../services/mediaCalls';
import { choosePhotos } from '../services/uploads';
import { Field } from './Field';
import { PhotoThumbs } from './PhotoThumbs';

interface Props {
  /** Local files picked and not sent yet, and stored references (a wish being edited keeps its photos). */
  photos: string[];
  max: number;
  onChange: (photos: string[]) => void;
  label?: string;
  error?: string;
  /** The button's look: the resident's forms and the staff's differ. */
  buttonClassName?: string;
}

/**
 * Photos to send with a form (a helper's report, a wish when posting or entering it for an elder): 添加照片 picks
 * from the album or the camera up to `max`, a tap on one removes it. Uploading is the form's, when it is sent
 * (services/uploads `uploadPhotos`), so a failed send keeps what was picked.
 */
export function PhotoPicker({ photos, max, onChange, label = `照片（选填，最多 ${max} 张）`, error, buttonClassName = 'btn btn--small' }: Props) {
  const add = async () => {
    const chosen = await choosePhotos(max - photos.length).catch(() => []);
    onChange([...photos, ...chosen.filter((p) => !photos.includes(p))].slice(0, max));
  };
  return (
    <Field label={label} error={error} hint={photos.length > 0 ? '点照片可移除' : undefined}>
      <PhotoThumbs
        srcs={photos.map((p) => (isStoredPhoto(p) ? (photoSrc(p) ?? p) : p))}
        labelOf={(i) => `移除第 ${i + 1} 张照片`}
        onTap={(i) => onChange(photos.filter((_, j) => j !== i))}
      >
        {photos.length < max && (
          <Button className={buttonClassName} onTouchStart={prefetchMediaCalls} onClick={() => void add()}>
            添加照片
          </Button>
        )}
      </PhotoThumbs>
    </Field>
  );
}

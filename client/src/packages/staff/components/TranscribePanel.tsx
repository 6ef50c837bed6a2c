import { useRef, useState } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { TranscribeInput } from '@shared/actions/dispatch';
import { Limits } from '@shared/vocab/limits';
import { VOICE_TITLE_MARK } from '@shared/schemas/wish';
import { fieldErrorsOf as zodFieldErrors } from '@shared/validation/parseInput';
import { call } from '../../../services/api';
import { fieldErrorsOf, messageOf } from '../../../services/errors';
import { SubmitKey } from '../../../services/requestId';
import type { WishView } from '../../../services/wishes';

interface Props {
  /** The wish being typed out; its voice note plays on the card or summary above the panel. */
  wish: Pick<WishView, 'id' | 'title' | 'description'>;
  onSaved: (wish: WishView) => void;
  onClose?: () => void;
}

const look = { box: 'staff-panel', label: 'staff-panel__label', area: 'staff-panel__textarea', input: 'staff-input', error: 'staff-field-error', actions: 'staff-panel__actions', ok: 'staff-btn staff-btn--primary', cancel: 'staff-btn staff-btn--ghost' } as const;

/**
 * 整理语音: staff listen to the resident's voice note and type out what was said as the wish's description
 * (dispatch.transcribe), with a better title than the （语音） one if they like. Checked by the schema the server
 * parses with; the voice note stays on the wish. In the staff package: the mini-program's main package stays small
 * (the wish page plays the voice note; typing it out is the review queue's).
 */
export function TranscribePanel({ wish, onSaved, onClose }: Props) {
  const [description, setDescription] = useState(wish.description ?? '');
  // A title the resident gave is kept as it is; the （语音） stand-in is offered for replacing.
  const [title, setTitle] = useState(wish.title.endsWith(VOICE_TITLE_MARK) ? '' : wish.title);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const key = useRef(new SubmitKey());

  const save = async () => {
    const input = { wishId: wish.id, description, ...(title.trim() ? { title } : {}) };
    const parsed = TranscribeInput.safeParse(input);
    if (!parsed.success) {
      setErrors(Object.fromEntries(zodFieldErrors(parsed.error).map((f) => [f.path, f.path === 'description' && !description.trim() ? '请填写语音里说的内容' : f.message])));
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const reply = await call('dispatch', 'transcribe', parsed.data, { requestId: key.current.for(parsed.data) });
      key.current.done();
      onSaved(reply.wish as WishView);
    } catch (err) {
      const fields = fieldErrorsOf(err);
      setErrors(Object.keys(fields).length > 0 ? fields : { form: messageOf(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={look.box} aria-label="整理语音内容">
      <Text className={look.label}>语音里说的内容</Text>
      <Textarea
        className={look.area}
        aria-label="语音里说的内容"
        value={description}
        maxlength={Limits.description}
        placeholder="边听边记：需要什么帮助、什么时间方便、有什么要注意的"
        onInput={(e) => setDescription(e.detail.value)}
      />
      {errors.description && <View className={look.error} role="alert">{errors.description}</View>}
      <Text className={look.label}>标题（选填）</Text>
      <Input className={look.input} aria-label="整理后的标题" value={title} maxlength={Limits.title} placeholder={wish.title} onInput={(e) => setTitle(e.detail.value)} />
      {errors.title && <View className={look.error} role="alert">{errors.title}</View>}
      {errors.form && <View className={look.error} role="alert">{errors.form}</View>}
      <View className={look.actions}>
        {onClose && (
          <Button className={look.cancel} size="mini" onClick={onClose}>
            取消
          </Button>
        )}
        <Button className={look.ok} size="mini" disabled={busy} aria-busy={busy} onClick={() => void save()}>
          保存文字
        </Button>
      </View>
    </View>
  );
}

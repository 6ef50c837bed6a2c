import { useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import { OrgName } from '@shared/schemas';
import { errorText, fieldErrorsOf } from '../../lib/errors';
import { FieldError } from '../PanelParts';

interface Props {
  placeholder: string;
  /** Resolves when saved; the field clears then, and keeps its text on failure. */
  onSave: (name: string) => Promise<unknown>;
}

/** One-line add (a compound, a building, a grid): type a name, save, see it in the list. */
export function AddByName({ placeholder, onSave }: Props) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const parsed = OrgName.safeParse(name);
    if (!parsed.success) {
      setError(name.trim() ? (parsed.error.issues[0]?.message ?? '名称不正确') : '请填写名称');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSave(parsed.data);
      setName('');
    } catch (err) {
      setError(fieldErrorsOf(err).name ?? errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='staff-add'>
      <View className='staff-add__row'>
        <Input className='staff-input staff-add__input' aria-label={placeholder} placeholder={placeholder} value={name} onInput={(e) => setName(e.detail.value)} />
        <Button className='staff-btn staff-btn--primary' size='mini' aria-busy={busy} disabled={busy} onClick={() => void save()}>
          添加
        </Button>
      </View>
      <FieldError error={error} />
    </View>
  );
}

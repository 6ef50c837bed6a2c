import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { Reason } from '@shared/schemas';

interface Props {
  title: string;
  confirmText: string;
  placeholder?: string;
  busy?: boolean;
  /** What an empty reason is told (default: the resident will read it). */
  emptyError?: string;
  onSubmit: (reason: string) => void;
  onClose: () => void;
}

/** Reject, cancel or stop a member: someone will read the reason, so one is required. */
export function ReasonPanel({ title, confirmText, placeholder, busy, emptyError, onSubmit, onClose }: Props) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = () => {
    if (busy) return;
    const parsed = Reason.safeParse(reason);
    if (!parsed.success) {
      setError(reason.trim() ? parsed.error.issues[0]?.message ?? '请填写原因' : emptyError ?? '请填写原因，居民会看到它');
      return;
    }
    setError(null);
    onSubmit(parsed.data);
  };

  return (
    <View className='staff-panel'>
      <Text className='staff-panel__label'>{title}</Text>
      <Textarea
        className='staff-panel__textarea'
        aria-label={title}
        value={reason}
        maxlength={200}
        placeholder={placeholder ?? '请填写原因（必填）'}
        onInput={(e) => {
          setReason(e.detail.value);
          if (error) setError(null);
        }}
      />
      {error && (
        <View className='staff-field-error' role='alert'>
          {error}
        </View>
      )}
      <View className='staff-panel__actions'>
        <Button className='staff-btn staff-btn--ghost' size='mini' onClick={onClose}>
          取消
        </Button>
        <Button className='staff-btn staff-btn--danger' size='mini' disabled={busy} aria-busy={busy} onClick={submit}>
          {confirmText}
        </Button>
      </View>
    </View>
  );
}

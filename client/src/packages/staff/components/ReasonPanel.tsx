import { useState } from 'react';
import { View } from '@tarojs/components';
import { PanelActions, ReasonField, checkReason } from './PanelParts';

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
    const checked = checkReason(reason, emptyError ?? '请填写原因，居民会看到它');
    if ('error' in checked) return setError(checked.error);
    setError(null);
    onSubmit(checked.reason);
  };

  return (
    <View className='staff-panel'>
      <ReasonField
        label={title}
        value={reason}
        placeholder={placeholder ?? '请填写原因（必填）'}
        error={error}
        onChange={(next) => {
          setReason(next);
          setError(null);
        }}
      />
      <PanelActions confirmText={confirmText} tone='danger' busy={busy} onConfirm={submit} onClose={onClose} />
    </View>
  );
}

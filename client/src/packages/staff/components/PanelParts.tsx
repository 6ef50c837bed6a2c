import { Button, Text, Textarea, View } from '@tarojs/components';
import { Reason } from '@shared/schemas';

/**
 * The pieces every staff panel (reject, recall, stop a member, roles, a join request) is made of, so that a reason is
 * checked by one rule and every panel ends the same way: what went wrong, then 取消 and the one thing it does.
 */

/** The reason as it will be sent, or the sentence saying what is wrong with it (`whenEmpty`: who will read it). */
export function checkReason(text: string, whenEmpty: string): { reason: string } | { error: string } {
  const parsed = Reason.safeParse(text);
  if (parsed.success) return { reason: parsed.data };
  return { error: text.trim() ? (parsed.error.issues[0]?.message ?? '请填写原因') : whenEmpty };
}

export function FieldError({ error }: { error: string | null | undefined }) {
  if (!error) return null;
  return (
    <View className='staff-field-error' role='alert'>
      {error}
    </View>
  );
}

interface ReasonFieldProps {
  label: string;
  value: string;
  placeholder: string;
  /** Shown under the box; typing clears it (`onChange` is told to). */
  error?: string | null;
  onChange: (value: string) => void;
}

/** A required reason someone else will read: its label, the box, and what is wrong with it. */
export function ReasonField({ label, value, placeholder, error, onChange }: ReasonFieldProps) {
  return (
    <>
      <Text className='staff-panel__label'>{label}</Text>
      <Textarea
        className='staff-panel__textarea'
        aria-label={label}
        value={value}
        maxlength={200}
        placeholder={placeholder}
        onInput={(e) => onChange(e.detail.value)}
      />
      <FieldError error={error} />
    </>
  );
}

interface PanelActionsProps {
  confirmText: string;
  /** danger: it takes something from someone (reject, recall, stop). */
  tone?: 'primary' | 'danger';
  busy?: boolean;
  /** Not ready yet (nothing chosen): the button says why in `confirmText`. */
  disabled?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

export function PanelActions({ confirmText, tone = 'primary', busy, disabled, onConfirm, onClose }: PanelActionsProps) {
  return (
    <View className='staff-panel__actions'>
      <Button className='staff-btn staff-btn--ghost' size='mini' onClick={onClose}>
        取消
      </Button>
      <Button className={`staff-btn staff-btn--${tone}`} size='mini' disabled={busy || disabled} aria-busy={busy} onClick={onConfirm}>
        {confirmText}
      </Button>
    </View>
  );
}

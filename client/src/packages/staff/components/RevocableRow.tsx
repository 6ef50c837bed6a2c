import type { ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';

/** What a list gives each row: whether it is the one asking to confirm, and what its buttons do. */
export interface RevokeControls {
  confirming: boolean;
  busy: boolean;
  onAsk: () => void;
  onCancel: () => void;
  onConfirm: () => void;
}

/** The controls of the row of `id` in a list where one row at a time asks for confirmation (`confirming` holds its id). */
export function revokeControls(
  id: string,
  list: { confirming: string | null; setConfirming: (id: string | null) => void; busy: boolean; revoke: (id: string) => Promise<void> },
): RevokeControls {
  return {
    confirming: list.confirming === id,
    busy: list.busy,
    onAsk: () => list.setConfirming(id),
    onCancel: () => list.setConfirming(null),
    onConfirm: () => void list.revoke(id),
  };
}

export interface RevocableRowProps extends RevokeControls {
  /** What a screen reader calls the row: 邀请码 K7MPQ2XA, 密钥 县政务数据平台. */
  label: string;
  /** The row's name: the code, the key's use. */
  name: string;
  /** Whether the name can be selected and copied (a code is read out and typed; a key's use is not). */
  selectable?: boolean;
  /** The state word beside the name; `state` picks its colour (`staff-invite__state--active`, `--revoked`, …). */
  state: string;
  stateText: string;
  /** The line under the name: who, how much, until when. */
  detail: ReactNode;
  /** Still in force, so it can be stopped. */
  live: boolean;
  /** The verb of stopping it: 撤销, 停用. The confirm button says 确认 + verb. */
  verb: string;
  /** What stopping it does, said before it is done. */
  warning: string;
  /** Buttons beside the verb's (二维码). */
  actions?: ReactNode;
  /** Shown under the row's line (a QR code). */
  children?: ReactNode;
}

/**
 * One thing staff gave out and can take back — an invite code, an Open311 key: its name and state, a line of detail,
 * and the verb that stops it, which asks once more first because whoever holds it is refused at once.
 */
export function RevocableRow(p: RevocableRowProps) {
  return (
    <View className='staff-org__group' aria-label={p.label}>
      <View className='staff-org__member'>
        <Text className='staff-org__name' selectable={p.selectable}>
          {p.name}
        </Text>
        <Text className={`staff-invite__state staff-invite__state--${p.state}`}>{p.stateText}</Text>
      </View>
      <Text className='staff-org__sub'>{p.detail}</Text>
      {p.children}
      {p.live && !p.confirming && (
        <View className='staff-panel__actions'>
          {p.actions}
          <Button className='staff-btn staff-btn--danger' size='mini' onClick={p.onAsk}>
            {p.verb}
          </Button>
        </View>
      )}
      {p.confirming && (
        <View className='staff-panel'>
          <Text className='staff-panel__hint'>{p.warning}</Text>
          <View className='staff-panel__actions'>
            <Button className='staff-btn staff-btn--ghost' size='mini' onClick={p.onCancel}>
              取消
            </Button>
            <Button className='staff-btn staff-btn--danger' size='mini' aria-busy={p.busy} disabled={p.busy} onClick={p.onConfirm}>
              确认{p.verb}
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}

import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { normalizeWishNumber } from '@shared/wishNumber';
import { Routes } from '../../../services/nav';
import { staffApi } from '../lib/api';
import { errorText } from '../lib/errors';
import { FieldError } from './PanelParts';

/**
 * 按编号查找: a resident on the phone reads out their wish's number (TY-2026-0123); staff type it as heard (any case,
 * spaces, the zeros left out) and the wish opens. A number that is not one is said at once, without a call.
 */
export function WishLookup() {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const look = async () => {
    setError(null);
    if (!normalizeWishNumber(typed)) {
      setError(typed.trim() ? '心愿编号格式如 TY-2026-0123' : '请输入心愿编号');
      return;
    }
    setBusy(true);
    try {
      const { wish } = await staffApi.lookup(typed);
      void Taro.navigateTo({ url: Routes.wish(wish.id) });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='staff-panel'>
      <Text className='staff-section-title'>按编号查找心愿</Text>
      <Input
        className='staff-input'
        aria-label='心愿编号'
        placeholder='如 TY-2026-0123'
        value={typed}
        maxlength={30}
        confirmType='search'
        onInput={(e) => setTyped(e.detail.value)}
        onConfirm={() => void look()}
      />
      <View className='staff-actions'>
        <Button className='staff-btn staff-btn--primary' aria-busy={busy} disabled={busy} onClick={() => void look()}>
          查找
        </Button>
      </View>
      <FieldError error={error} />
    </View>
  );
}

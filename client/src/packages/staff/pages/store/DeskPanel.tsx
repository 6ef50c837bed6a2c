import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { RedemptionStatusLabels, normalizeCode } from '@shared/points';
import type { RedemptionView } from '@shared/actions/outputs';
import { formatTime } from '../../../../components';
import { call } from '../../../../services/api';
import { errorText } from '../../lib/errors';
import { FieldError } from '../../components/PanelParts';

/**
 * The desk: a volunteer shows a code (typed, or scanned from the QR code on their phone); the desk sees what it is
 * for and whose it is, and hands it over with one more tap. A code is good once: the server says when it was used.
 */
export function DeskPanel() {
  const [code, setCode] = useState('');
  const [found, setFound] = useState<RedemptionView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const look = async (typed: string) => {
    setError(null);
    setNotice(null);
    setFound(null);
    if (normalizeCode(typed) === '') {
      setError('请输入兑换码');
      return;
    }
    setBusy(true);
    try {
      setFound((await call('points', 'lookup', { code: typed })).redemption);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] });
      setCode(result);
      await look(result);
    } catch {
      // The person closed the scanner: nothing to say.
    }
  };

  const handOver = async () => {
    if (!found) return;
    setBusy(true);
    setError(null);
    try {
      const { redemption } = await call('points', 'fulfil', { code: found.code });
      setFound(redemption);
      setNotice(`已核销：请将「${redemption.itemName}」交给${redemption.holderName ?? '志愿者'}`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='staff-panel'>
      <Text className='staff-section-title'>核销兑换码</Text>
      <Input className='staff-input' aria-label='兑换码' placeholder='输入志愿者出示的 8 位兑换码' value={code} maxlength={20} onInput={(e) => setCode(e.detail.value)} />
      <View className='staff-actions'>
        <Button className='staff-btn staff-btn--primary' aria-busy={busy} disabled={busy} onClick={() => void look(code)}>
          查询
        </Button>
        <Button className='staff-btn staff-btn--ghost' disabled={busy} onClick={() => void scan()}>
          扫码
        </Button>
      </View>
      <FieldError error={error} />
      {notice && (
        <View className='staff-banner staff-banner--info' role='status'>
          {notice}
        </View>
      )}
      {found && (
        <View className='card'>
          <Text className='card__title'>{found.itemName}</Text>
          <Text className='card__meta'>
            兑换人：{found.holderName ?? '—'} · {found.cost} 积分 · {formatTime(found.createdAt)}
          </Text>
          <Text className='card__meta'>状态：{RedemptionStatusLabels[found.status]}{found.fulfilledAt ? `（${formatTime(found.fulfilledAt)}）` : ''}</Text>
          {found.status === 'pending' && (
            <Button className='staff-btn staff-btn--primary' aria-busy={busy} disabled={busy} onClick={() => void handOver()}>
              确认发放
            </Button>
          )}
        </View>
      )}
    </View>
  );
}

import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { ActionReply } from '@shared/actions';
import { Open311KeyLabel } from '@shared/actions/open311';
import { Limits } from '@shared/vocab/limits';
import { parseInput } from '@shared/validation/parseInput';
import { call } from '../../../../services/api';
import { useRemote } from '../../../../hooks/useRemote';
import { Field } from '../../../../components';
import { StaffState } from '../../components/StaffState';
import { RevocableRow, revokeControls, type RevokeControls } from '../../components/RevocableRow';
import { errorText, fieldErrorsOf } from '../../lib/errors';
import { shortTime } from '../../lib/format';

type KeyView = ActionReply<'open311', 'keys'>['keys'][number];

const keysApi = {
  list: () => call('open311', 'keys', {}),
  issue: (label: string) => call('open311', 'issueKey', { label }),
  revoke: (keyId: string) => call('open311', 'revokeKey', { keyId }),
};

/**
 * 开放接口密钥 (docs/open311.md): the secretary gives an Open311 client (a county data platform, a 12345 hotline) a
 * key to file wishes into the review queue. The key is shown once, here, right after it is made: only its hash is
 * kept. Stopping one asks once more, since the client's next post is refused at once.
 */
export function Open311KeysPanel() {
  const list = useRemote(() => keysApi.list().then((r) => r.keys), []);
  const [label, setLabel] = useState('');
  const [labelError, setLabelError] = useState<string | undefined>(undefined);
  const [issued, setIssued] = useState<{ label: string; secret?: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const keys = list.data ?? [];

  const issue = async () => {
    setError(null);
    let name: string;
    try {
      name = parseInput(Open311KeyLabel, label);
    } catch (err) {
      setLabelError(fieldErrorsOf(err)[''] ?? '请填写密钥用途');
      return;
    }
    setLabelError(undefined);
    setBusy(true);
    try {
      const { key, secret } = await keysApi.issue(name);
      setIssued({ label: key.label, secret });
      setLabel('');
      list.setData((prev) => [key, ...(prev ?? [])]);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (keyId: string) => {
    setError(null);
    setBusy(true);
    try {
      const { key } = await keysApi.revoke(keyId);
      setConfirming(null);
      list.setData((prev) => prev?.map((k) => (k.id === key.id ? key : k)));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='staff-card' aria-label='开放接口密钥'>
      <Text className='staff-card__title'>开放接口密钥（Open311）</Text>
      <Text className='staff-panel__hint'>
        外部平台凭密钥提交的心愿进入“待审核”，审核通过后才公开；公开的列表不含姓名、电话和门牌号。
      </Text>
      <Field label='密钥用途' error={labelError} hint={`如“县政务数据平台”，最多 ${Limits.name} 个字`}>
        <Input className='staff-input' aria-label='密钥用途' maxlength={Limits.name} value={label} onInput={(e) => setLabel(e.detail.value)} />
      </Field>
      <Button className='staff-btn staff-btn--primary' aria-busy={busy} disabled={busy} onClick={() => void issue()}>
        签发密钥
      </Button>
      {issued && (
        <View className='staff-banner staff-banner--info' role='status'>
          {issued.secret ? (
            <>
              <Text>「{issued.label}」的密钥只显示这一次，请立即复制并交给对方保存：</Text>
              <Text className='staff-org__name' selectable aria-label='新密钥'>
                {issued.secret}
              </Text>
              <View className='staff-panel__actions'>
                <Button className='staff-btn staff-btn--ghost' size='mini' onClick={() => void Taro.setClipboardData({ data: issued.secret! })}>
                  复制密钥
                </Button>
                <Button className='staff-btn staff-btn--ghost' size='mini' onClick={() => setIssued(null)}>
                  我已保存
                </Button>
              </View>
            </>
          ) : (
            <Text>「{issued.label}」的密钥已签发，但未能显示（网络重试后不再显示密钥）。请停用它，再签发一个。</Text>
          )}
        </View>
      )}
      {error && (
        <View className='staff-field-error' role='alert'>
          {error}
        </View>
      )}
      <StaffState
        loading={list.loading}
        error={list.error}
        hasData={list.data !== undefined}
        empty={keys.length === 0}
        emptyText='还没有签发过密钥'
        onRetry={() => void list.reload()}
      >
        <View>
          {keys.map((key) => (
            <KeyRow key={key.id} apiKey={key} {...revokeControls(key.id, { confirming, setConfirming, busy, revoke })} />
          ))}
        </View>
      </StaffState>
    </View>
  );
}

function KeyRow({ apiKey, ...controls }: { apiKey: KeyView } & RevokeControls) {
  const live = !apiKey.revokedAt;
  return (
    <RevocableRow
      label={`密钥 ${apiKey.label}`}
      name={apiKey.label}
      state={live ? 'active' : 'revoked'}
      stateText={live ? '使用中' : '已停用'}
      detail={
        `${apiKey.prefix}… · ${apiKey.createdByName}于 ${shortTime(apiKey.createdAt)} 签发` +
        (apiKey.lastUsedAt ? ` · 最近使用 ${shortTime(apiKey.lastUsedAt)}` : ' · 尚未使用') +
        (apiKey.revokedAt ? ` · ${shortTime(apiKey.revokedAt)} 停用` : '')
      }
      live={live}
      verb='停用'
      warning='停用后，对方再用此密钥提交会被拒绝；已提交的心愿不受影响。'
      {...controls}
    />
  );
}

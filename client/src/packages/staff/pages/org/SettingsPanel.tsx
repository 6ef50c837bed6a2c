import { useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { CommunitySettings, settingsOf } from '@shared/schemas/settings';
import { parseInput } from '@shared/validation/parseInput';
import { Field } from '../../../../components';
import { errorText, fieldErrorsOf } from '../../lib/errors';
import { useRemote } from '../../../../hooks/useRemote';
import { StaffState } from '../../components/StaffState';
import { membershipApi } from './api';
import { FieldError } from '../../components/PanelParts';

type Key = keyof CommunitySettings;
const fields: { key: Key; label: string; unit: string; hint: string }[] = [
  { key: 'leaseHours', label: '认领有效期', unit: '小时', hint: '志愿者认领后需在此时间内开始服务，否则心愿退回' },
  { key: 'maxExtensions', label: '最多延期次数', unit: '次', hint: '每次延期增加一个认领有效期' },
  { key: 'escalateToSecretaryHours', label: '无人认领上报书记', unit: '小时', hint: '发布后超过此时间无人认领，提醒社区书记' },
  { key: 'escalateToTownHours', label: '无人认领上报镇街', unit: '小时', hint: '须晚于上报书记的时限' },
  { key: 'urgentEscalateMinutes', label: '紧急心愿无人认领上报', unit: '分钟', hint: '紧急心愿超过此时间无人认领提醒书记，两倍时间上报镇街' },
  { key: 'autoConfirmDays', label: '自动确认完成', unit: '天', hint: '服务完成后居民未确认，到期自动确认' },
  { key: 'postsPerDay', label: '每人每天可发布', unit: '条', hint: '防止误操作和刷屏' },
  { key: 'maxOpenTasksPerHelper', label: '每人最多同时承接', unit: '个', hint: '志愿者手上未完成的心愿达到此数，不再向其派单' },
  { key: 'pointsPerHour', label: '每小时服务积分', unit: '分', hint: '居民确认服务后，按服务时长折算积分，可在爱心超市兑换' },
  { key: 'pointsDailyCap', label: '每人每天最多获得', unit: '分', hint: '0 表示不设上限' },
];

type Draft = Record<Key, string>;
const draftOf = (s: CommunitySettings): Draft => Object.fromEntries(fields.map((f) => [f.key, String(s[f.key])])) as Draft;

/** The community's rules for leases, escalation, confirmation and posting; only what changed is sent. */
export function SettingsPanel() {
  // settingsOf fills a field a stored community predates with its default, so no box shows 'undefined'.
  const loaded = useRemote(() => membershipApi.community().then((r) => (r.community ? settingsOf(r.community.settings) : undefined)), []);
  const [saved, setSaved] = useState<CommunitySettings | undefined>(undefined);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (loaded.data) {
      setSaved(loaded.data);
      setDraft(draftOf(loaded.data));
    }
  }, [loaded.data]);

  const save = async () => {
    if (!draft || !saved) return;
    setNotice(null);
    setError(null);
    const numbers = Object.fromEntries(fields.map((f) => [f.key, draft[f.key].trim() === '' ? Number.NaN : Number(draft[f.key])]));
    let parsed: CommunitySettings;
    try {
      parsed = parseInput(CommunitySettings, numbers);
    } catch (err) {
      const found = fieldErrorsOf(err);
      for (const f of fields) if (draft[f.key].trim() === '') found[f.key] = '必填';
      // zod checks the order of the two limits only once every field is valid; say it now, not after the next tap.
      if (!found.escalateToTownHours && numbers.escalateToTownHours <= numbers.escalateToSecretaryHours) {
        found.escalateToTownHours = '上报镇街的时限应晚于上报书记的时限';
      }
      setErrors(found);
      return;
    }
    setErrors({});
    const changes = Object.fromEntries(fields.filter((f) => parsed[f.key] !== saved[f.key]).map((f) => [f.key, parsed[f.key]]));
    if (Object.keys(changes).length === 0) {
      setNotice('没有需要保存的修改');
      return;
    }
    setBusy(true);
    try {
      const { community } = await membershipApi.updateSettings(changes);
      setSaved(settingsOf(community.settings));
      setDraft(draftOf(settingsOf(community.settings)));
      setNotice('社区设置已保存');
    } catch (err) {
      const byField = fieldErrorsOf(err);
      if (Object.keys(byField).length > 0) setErrors(Object.fromEntries(Object.entries(byField).map(([k, v]) => [k.replace(/^settings\./, ''), v])));
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <StaffState
      loading={loaded.loading}
      error={loaded.error}
      hasData={loaded.data !== undefined}
      empty={!loaded.loading && !loaded.error && loaded.data === undefined}
      emptyText='暂无社区设置'
      onRetry={() => void loaded.reload()}
    >
      {draft && (
        <View className='staff-card'>
          <Text className='staff-card__title'>社区设置</Text>
          {fields.map((f) => (
            <Field key={f.key} label={`${f.label}（${f.unit}）`} error={errors[f.key]} hint={f.hint}>
              <Input
                className='staff-input'
                type='number'
                aria-label={f.label}
                value={draft[f.key]}
                onInput={(e) => setDraft({ ...draft, [f.key]: e.detail.value })}
              />
            </Field>
          ))}
          <FieldError error={error} />
          {notice && (
            <View className='staff-banner staff-banner--info' role='status'>
              {notice}
            </View>
          )}
          <Button className='staff-btn staff-btn--primary' aria-busy={busy} disabled={busy} onClick={() => void save()}>
            保存设置
          </Button>
        </View>
      )}
    </StaffState>
  );
}

import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { PartyBranchLevelLabels } from '@shared/vocab';
import { useRemote } from '../../hooks/useRemote';
import { call } from '../../services/api';
import { fieldErrorsOf, messageOf } from '../../services/errors';
import { getSession, refreshMe } from '../../services/session';

/**
 * 党员报到: a party member reports to the community where they live, naming their 楼栋党小组 or 党支部. An in-service
 * party member's unit stays theirs as well (双报到): their services then count for both branches.
 */
export function ReportCard() {
  const session = getSession();
  const here = session?.user.memberships.find((m) => m.communityId !== undefined && m.roles.includes('party_member'));
  const branches = useRemote(() => call('org', 'partyBranches', {}).then((r) => r.items.filter((b) => b.level !== 'town' && b.level !== 'unit')), []);
  const [chosen, setChosen] = useState<string | null>(here?.partyBranchId ?? null);
  const [reportedAt, setReportedAt] = useState(here?.reportedAt);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!here) return null;

  const nameOf = (id?: string) => branches.data?.find((b) => b.id === id)?.name;
  const report = async () => {
    if (!chosen) {
      setError('请选择您居住地的党组织');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { member } = await call('org', 'report', { partyBranchId: chosen });
      setReportedAt(member.reportedAt);
      setNotice(`已向「${nameOf(chosen) ?? '所选党组织'}」报到`);
      await refreshMe().catch(() => null);
    } catch (err) {
      setError(fieldErrorsOf(err).partyBranchId ?? messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card">
      <Text className="card__title">党员报到</Text>
      <Text className="muted">
        {reportedAt ? `已报到：${nameOf(here.partyBranchId) ?? nameOf(chosen ?? undefined) ?? '本社区'}` : '在职党员请向居住地的党组织报到，服务同时计入单位和社区'}
      </Text>
      {branches.data && (
        <View className="chips" role="radiogroup" aria-label="居住地党组织">
          {branches.data.map((b) => (
            <View key={b.id} role="radio" aria-checked={b.id === chosen} className={`chip${b.id === chosen ? ' chip--active' : ''}`} onClick={() => setChosen(b.id)}>
              {b.name}
              <Text className="muted">（{PartyBranchLevelLabels[b.level]}）</Text>
            </View>
          ))}
        </View>
      )}
      {notice && <View className="muted" role="status">{notice}</View>}
      {error && <View className="field__error" role="alert">{error}</View>}
      <Button className="btn btn--primary" aria-busy={busy} disabled={busy} onClick={() => void report()}>
        {reportedAt ? '更改报到党组织' : '报到'}
      </Button>
    </View>
  );
}

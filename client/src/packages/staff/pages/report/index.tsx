import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { recentChinaMonths } from '@shared/time';
import { PageState } from '../../../../components';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { isH5 } from '../../../../services/platform';
import { ChipGroup } from '../../components/ChipGroup';
import { CommunityFilter } from '../../components/CommunityFilter';
import { StaffGate } from '../../components/StaffGate';
import { useActiveRole } from '../../lib/session';
import '../../components/staff.scss';
import { monthText, ReportView } from './ReportView';
import './index.scss';

/** The last six months; the report opens on the month just finished, the one the street office asks for. */
function monthOptions(now = new Date()) {
  return recentChinaMonths(now, 7).map((m, i) => ({ value: m, label: i === 0 ? `${monthText(m)}（本月至今）` : monthText(m) }));
}

function Report() {
  const role = useActiveRole();
  const [options] = useState(() => monthOptions());
  const [month, setMonth] = useState(options[1].value);
  const [communityId, setCommunityId] = useState<string | undefined>(undefined);
  const report = useRemote(() => call('stats', 'report', { month, ...(communityId ? { communityId } : {}) }), [month, communityId]);

  return (
    <View className='staff-page report'>
      <View className='report__controls'>
        {role === 'town_admin' && <CommunityFilter value={communityId} onChange={setCommunityId} />}
        <ChipGroup label='月份' options={options} value={month} onChange={setMonth} />
        {isH5 ? (
          <Button className='staff-btn staff-btn--primary' disabled={!report.data} onClick={() => window.print()}>
            打印 / 另存为 PDF
          </Button>
        ) : (
          <Text className='muted'>在电脑浏览器中打开本页可打印（A4）。</Text>
        )}
      </View>
      <PageState loading={report.loading && !report.data} error={report.error} onRetry={() => void report.reload()}>
        {report.data && <ReportView report={report.data} />}
      </PageState>
    </View>
  );
}

/** 月度报告: the month's numbers for the street office, per community or for the whole town, print-ready on A4. */
export default function ReportPage() {
  return (
    <StaffGate screen='report'>
      <Report />
    </StaffGate>
  );
}

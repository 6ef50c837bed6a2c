import { useState } from 'react';
import type { ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { chinaYearStart } from '@shared/time';
import { PageState } from '../../../../components';
import { useBelowFold } from '../../../../hooks/useBelowFold';
import { StaffGate } from '../../components/StaffGate';
import { StatTiles } from '../../components/StatTiles';
import { BarList, BarListLoading } from '../../components/BarList';
import type { Bar } from '../../components/BarList';
import { TrendChart, TrendChartLoading } from '../../components/TrendChart';
import { ChipGroup } from '../../components/ChipGroup';
import { BannerView } from '../../components/BannerView';
import { CommunityFilter } from '../../components/CommunityFilter';
import { BranchTotals } from '../../components/BranchTotals';
import { errorText } from '../../lib/errors';
import { ExportOutcomeText, exportStats } from '../../lib/exportFile';
import { useActiveRole } from '../../lib/session';
import { LeaderboardSize, useDashboard } from '../../lib/useDashboard';
import type { Banner } from '../../lib/useDecisions';
import type { BreakdownRow, LeaderRow } from '../../lib/useDashboard';
import '../../components/staff.scss';
import './index.scss';

type Range = 'all' | 'year' | 'month';
const ranges = [
  { value: 'all', label: '全部' },
  { value: 'year', label: '今年' },
  { value: 'month', label: '近30天' },
] as const;

function fromOf(range: Range, now = new Date()): string | undefined {
  if (range === 'year') return chinaYearStart(now).toISOString();
  if (range === 'month') return new Date(now.getTime() - 30 * 86_400_000).toISOString();
  return undefined;
}

const rowsToBars = (rows: BreakdownRow[]): Bar[] =>
  [...rows].sort((a, b) => b.count - a.count).map((r) => ({ key: r.key, label: r.label, value: r.count }));
const leadersToBars = (rows: LeaderRow[]): Bar[] => rows.map((r) => ({ key: r.id, label: r.name, value: r.services }));

function ChartCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <View className='staff-card'>
      <Text className='staff-card__title'>{title}</Text>
      {children}
    </View>
  );
}

const loadingText = <Text className='staff-chart__empty'>加载中…</Text>;

function Dashboard() {
  const role = useActiveRole();
  const [range, setRange] = useState<Range>('all');
  const [communityId, setCommunityId] = useState<string | undefined>(undefined);
  const [banner, setBanner] = useState<Banner | null>(null);
  const [exporting, setExporting] = useState(false);
  const from = fromOf(range);
  const dashboard = useDashboard({ communityId, from });
  usePullDownRefresh(() => {
    void dashboard.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const runExport = async () => {
    setExporting(true);
    try {
      const outcome = await exportStats({ communityId, from });
      setBanner({ tone: 'info', text: ExportOutcomeText[outcome] });
    } catch (err) {
      setBanner({ tone: 'error', text: `导出未成功：${errorText(err)}` });
    } finally {
      setExporting(false);
    }
  };

  const d = dashboard.data;
  const below = useBelowFold(!!d) ? d : undefined;
  return (
    <View className='staff-page'>
      <View className='staff-dashboard__filters'>
        {role === 'town_admin' && <CommunityFilter value={communityId} onChange={setCommunityId} />}
        <ChipGroup label='统计时段' options={ranges} value={range} onChange={setRange} />
      </View>
      {banner && <BannerView banner={banner} />}
      {/* No spinner first: the tiles and the chart cards are drawn at once and filled when the answer comes. */}
      <PageState error={d ? undefined : dashboard.error || undefined} onRetry={() => void dashboard.reload()}>
        <StatTiles overview={d?.overview} />
        <ChartCard title='心愿趋势（按月）'>{d ? <TrendChart rows={d.byMonth} /> : <TrendChartLoading />}</ChartCard>
        <ChartCard title='心愿类别'>{d ? <BarList bars={rowsToBars(d.byCategory)} /> : loadingText}</ChartCard>
        {/* Below the fold on a phone: filled a task after the first screenful is drawn (useBelowFold). */}
        <ChartCard title='各网格心愿'>{below ? <BarList bars={rowsToBars(below.byGrid)} /> : loadingText}</ChartCard>
        <ChartCard title='共建单位服务榜'>
          {below ? <BarList ranked unit='次' bars={leadersToBars(below.topUnits)} /> : <BarListLoading rows={LeaderboardSize} />}
        </ChartCard>
        <ChartCard title='志愿者服务榜'>
          {below ? <BarList ranked unit='次' bars={leadersToBars(below.topVolunteers)} /> : <BarListLoading rows={LeaderboardSize} />}
        </ChartCard>
        <BranchTotals totals={below?.branches} />
        <View className='staff-dashboard__export'>
          <Button className='staff-btn staff-btn--primary' aria-busy={exporting} disabled={exporting} onClick={() => void runExport()}>
            导出报表
          </Button>
        </View>
      </PageState>
    </View>
  );
}

export default function DashboardPage() {
  return (
    <StaffGate screen='dashboard'>
      <Dashboard />
    </StaffGate>
  );
}

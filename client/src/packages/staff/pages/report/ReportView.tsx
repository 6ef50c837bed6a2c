import { Text, View } from '@tarojs/components';
import type { MonthlyReport, ReportRow } from '@shared/actions';
import { formatTime } from '../../../../components';
import { formatNumber } from '../../lib/format';

/** '2026-11' → '2026年11月'. */
export const monthText = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`;

function Tile({ label, value }: { label: string; value: number | string }) {
  return (
    <View className='report__tile' aria-label={`${label} ${value}`}>
      <Text className='report__num'>{typeof value === 'number' ? formatNumber(value) : value}</Text>
      <Text className='report__label'>{label}</Text>
    </View>
  );
}

/** A table whose last column is a bar drawn with a View's width: no chart library, and it prints. */
function BarTable({ rows, title }: { rows: ReportRow[]; title: string }) {
  const max = Math.max(1, ...rows.map((r) => r.collected));
  if (rows.length === 0) return <Text className='report__list'>本月没有数据</Text>;
  return (
    <View className='report__table' role='table' aria-label={title}>
      <View className='report__row' role='row'>
        {['名称', '收集', '完成', '确认', '服务人次', '时长(时)', ''].map((h, i) => (
          <Text key={i} className={`report__cell report__cell--head${i === 0 ? ' report__cell--name' : ''}`}>
            {h}
          </Text>
        ))}
      </View>
      {rows.map((r) => (
        <View key={r.key} className='report__row' role='row' aria-label={`${r.label} 收集 ${r.collected} 服务 ${r.services}`}>
          <Text className='report__cell report__cell--name'>{r.label}</Text>
          <Text className='report__cell'>{r.collected}</Text>
          <Text className='report__cell'>{r.completed}</Text>
          <Text className='report__cell'>{r.confirmed}</Text>
          <Text className='report__cell'>{r.services}</Text>
          <Text className='report__cell'>{r.hours}</Text>
          <View className='report__cell report__cell--bar'>
            <View className='report__bar' style={{ width: `${(r.collected / max) * 100}%` }} />
          </View>
        </View>
      ))}
    </View>
  );
}

function Leaders({ rows, empty }: { rows: MonthlyReport['topUnits']; empty: string }) {
  if (rows.length === 0) return <Text className='report__list'>{empty}</Text>;
  return (
    <View>
      {rows.map((r, i) => (
        <Text key={r.id} className='report__list'>
          {i + 1}. {r.name}：服务 {r.services} 人次，{r.hours} 小时
        </Text>
      ))}
    </View>
  );
}

/** The report itself, as it prints: heading, the month's numbers by event time, tables, leaders, stories. */
export function ReportView({ report }: { report: MonthlyReport }) {
  const o = report.overview;
  const scope = report.scope.kind === 'town' ? `${report.scope.name}（${report.scope.communities.length} 个社区）` : report.scope.name;
  return (
    <View className='report__body'>
      <View className='report__head'>
        <Text className='report__title'>
          {scope} {monthText(report.month)}“三单”微心愿服务月报
        </Text>
        <Text className='report__sub'>统计口径：各环节按发生时间计入本月；服务人次与时长按居民确认时间计入</Text>
      </View>
      <View className='report__section'>
        <Text className='report__h'>一、本月概况</Text>
        <View className='report__tiles'>
          <Tile label='收集心愿' value={o.collected} />
          <Tile label='审核通过' value={o.approved} />
          <Tile label='认领' value={o.claimed} />
          <Tile label='完成' value={o.completed} />
          <Tile label='居民确认' value={o.confirmed} />
          <Tile label='服务人次' value={o.serviceCount} />
          <Tile label='服务时长(小时)' value={o.serviceHours} />
          <Tile label='参与志愿者' value={o.helpers} />
          <Tile label='平均评分' value={o.avgRating ?? '—'} />
          <Tile label='发放积分' value={report.points.issued} />
          <Tile label='兑换积分' value={report.points.redeemed} />
          <Tile label='发布微故事' value={report.stories.published} />
        </View>
      </View>
      <View className='report__section'>
        <Text className='report__h'>二、按类别</Text>
        <BarTable title='按类别' rows={report.byCategory} />
      </View>
      <View className='report__section'>
        <Text className='report__h'>三、按网格</Text>
        <BarTable title='按网格' rows={report.byGrid} />
      </View>
      <View className='report__section'>
        <Text className='report__h'>四、共建单位服务前五</Text>
        <Leaders rows={report.topUnits} empty='本月暂无共建单位服务记录' />
        <Text className='report__h'>党组织服务前五</Text>
        <Leaders rows={report.topBranches} empty='本月暂无党组织服务记录' />
      </View>
      <View className='report__section'>
        <Text className='report__h'>五、微故事（{report.stories.published} 篇）</Text>
        {report.stories.titles.length === 0 ? (
          <Text className='report__list'>本月未发布微故事</Text>
        ) : (
          report.stories.titles.map((s) => (
            <Text key={s.id} className='report__list'>
              · {s.title}（{s.wishNumber ? `${s.wishNumber}，` : ''}{formatTime(s.publishedAt)}）
            </Text>
          ))
        )}
      </View>
      <Text className='report__foot'>生成时间：{formatTime(report.generatedAt)}</Text>
    </View>
  );
}
